import DataLoader from 'dataloader';

/**
 * A per-request DataLoader that can also answer synchronously for what it already holds (primed by
 * a statement that read it along the way, or loaded by an earlier batch). A relation field resolved
 * for every item of a list can then return the value itself instead of a promise, which spares
 * graphql-js a promise (and an await of the whole object) per item.
 */
export class RequestLoader<K, V> extends DataLoader<K, V> {
  private readonly held: Map<K, V>;
  /** Keys asked for through load (DataLoader caches them; a later prime does not replace them). */
  private readonly requested = new Set<K>();

  constructor(batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V>) {
    const held = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => {
        const v = values[i];
        if (!(v instanceof Error)) held.set(key, v);
      });
      return values;
    }, options);
    this.held = held;
  }

  override load(key: K): Promise<V> {
    this.requested.add(key);
    return super.load(key);
  }

  /** As DataLoader.prime: a key already primed or asked for keeps its value. */
  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!this.requested.has(key) && !this.held.has(key) && !(value instanceof Error) && !isPromiseLike(value))
      this.held.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.held.delete(key);
    this.requested.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.held.clear();
    this.requested.clear();
    return super.clearAll();
  }

  /** The value held for `key`, or undefined when it has not been loaded or primed yet. */
  peek(key: K): V | undefined {
    return this.held.get(key);
  }

  /** The value at once when held, otherwise a promise of it (one batched statement). */
  get(key: K): V | Promise<V> {
    return this.held.has(key) ? (this.held.get(key) as V) : this.load(key);
  }
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
