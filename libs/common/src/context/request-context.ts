import type DataLoader from 'dataloader';
import { AppError } from '../errors/app-error.js';
import { RequestLoader } from './request-loader.js';
import { listBound } from './list-bounds.js';
import { Role } from './role.js';

/** The signed-in staff member a request acts for. */
export interface Actor {
  readonly staffId: string;
  readonly organisationId: string;
  readonly role: Role;
}

/** An actor and the token generation its token was issued at (what a statement checks it by). */
export interface Credential extends Actor {
  readonly generation: number;
}

/**
 * Everything a service needs to know about the request it serves. Created once per HTTP request
 * (GraphQL context), passed first to every service method. Holds no state shared across requests.
 *
 * The caller is verified once per request, either by a lookup of the staff row (`resolveActor`) or,
 * for operations marked CallerCheckedInStatement, by the operation's own first statement: the guard
 * then takes the token's claims for the actor (`assumeClaimed`) and that statement reads or writes
 * nothing unless the staff row still matches them, active and at the same token generation; it
 * reports which (`callerChecked`).
 */
export class RequestContext {
  private verified: Credential | null = null;
  private assumed: Credential | null = null;
  private authResolved = false;
  private readonly loaders = new Map<string, RequestLoader<any, any>>();

  constructor(
    readonly requestId: string,
    readonly ip: string,
    /** Resolves the bearer token to an actor by the staff row; null when there is none or it is invalid. */
    private readonly authenticate: () => Promise<Credential | null> = async () => null,
    /** What a valid token claims, without reading anything; null without such a token. */
    private readonly claimed: () => Credential | null = () => null,
  ) {}

  /** Resolves (once per request) and returns the verified actor, or null when not signed in. */
  async resolveActor(): Promise<Actor | null> {
    if (!this.authResolved) {
      const verified = await this.authenticate();
      // A statement may have settled it meanwhile.
      if (!this.authResolved) {
        this.verified = verified;
        this.authResolved = true;
      }
    }
    return this.verified;
  }

  /**
   * For an operation whose statement checks its caller itself: the actor the token claims, taken as
   * the actor until that statement says (no read). The verified actor when there already is one;
   * null when the token claims nothing (the caller must then be looked up) or was found invalid.
   */
  assumeClaimed(): Actor | null {
    if (this.authResolved) return this.verified;
    this.assumed ??= this.claimed();
    return this.assumed;
  }

  /** The verdict of a statement that checks its caller: confirmed, or UNAUTHENTICATED. */
  callerChecked(ok: boolean): void {
    if (!ok) this.callerRefused();
    this.callerConfirmed();
  }

  /** A statement found the claimed caller active, at its token's generation: the claims hold. */
  private callerConfirmed(): void {
    if (!this.authResolved && this.assumed) {
      this.verified = this.assumed;
      this.authResolved = true;
    }
  }

  /** A statement found the claimed caller unknown, deactivated or changed: UNAUTHENTICATED. */
  private callerRefused(): never {
    this.verified = null;
    this.assumed = null;
    this.authResolved = true;
    throw AppError.unauthenticated();
  }

  /** The caller, verified now if no statement has done it: UNAUTHENTICATED when invalid. */
  async confirmCaller(): Promise<Actor> {
    const actor = await this.resolveActor();
    if (!actor) throw AppError.unauthenticated();
    return actor;
  }

  /** Used by login so the rest of the same response (AuthPayload.staff…) resolves as the new actor. */
  signIn(actor: Credential): void {
    this.verified = actor;
    this.assumed = null;
    this.authResolved = true;
  }

  /**
   * The actor: verified, or (until its statement has run) claimed by the token of an operation marked
   * CallerCheckedInStatement. The auth guard has already resolved it for every protected field.
   */
  get actor(): Actor {
    return this.credential;
  }

  /** The actor with its token generation, for a statement that checks the caller (callerCheckSql). */
  get credential(): Credential {
    const actor = this.verified ?? (this.authResolved ? null : this.assumed);
    if (!actor) throw AppError.unauthenticated();
    return actor;
  }

  /** Whether the caller has been verified (not merely claimed). */
  get isSignedIn(): boolean {
    return this.verified !== null;
  }

  /** List items resolved so far in this request (see countListItems). */
  private listItems = 0;

  /**
   * Whether the budget applies: some list of the answer has been longer than the data are expected
   * to hold (listBound), or the document nests a list field in itself (boundListItemsAlways).
   */
  private bounded = false;

  /** The most list items a query's answer may hold (GRAPHQL_MAX_LIST_ITEMS); unlimited when absent. */
  maxListItems?: number;

  /**
   * Counts the list of `coordinate` ("Type.field", `n` items) before it is read (its length is known
   * from the parent), and refuses it (QUERY_TOO_COMPLEX) past the budget, so a resolver never starts
   * loading it. Mark the list it returns with `counted` so that it is not counted again when it
   * comes back.
   */
  reserveListItems(n: number, coordinate: string): void {
    if (this.maxListItems !== undefined && !this.countListItems(n, this.maxListItems, listBound(coordinate)))
      throw AppError.tooManyListItems(this.maxListItems);
  }

  /**
   * Counts a list of `n` items in the answer, of a field whose lists the data are expected to hold at
   * most `bound` of; true unless the answer is bounded and has gone over `limit`. The cost limit
   * bounds an answer before it runs, assuming list sizes (20 services an organisation…), and the
   * contract promises that its operations fit it (section 10): such an answer is not refused for
   * its size while its data keep to what a partnership is expected to hold. Once one list has been
   * longer (the data have outgrown that: hundreds of organisations, a person with hundreds of
   * consents), or when the document nests a list in itself, the answer may hold at most `limit`
   * items in all: past that it could make the server build millions.
   */
  countListItems(n: number, limit: number, bound: number): boolean {
    this.listItems += n;
    if (n > bound) this.bounded = true;
    return !this.listItemsOver(limit);
  }

  /**
   * Bounds the answer by the budget from its first item, whatever its lists' lengths: for a document
   * that nests a list field in itself (services { organisation { services … } }), outside what the
   * contract promises to run, whose answer multiplies with the data at every level.
   */
  boundListItemsAlways(): void {
    this.bounded = true;
  }

  /** Whether the answer is bounded and has already gone over `limit` list items. */
  listItemsOver(limit: number): boolean {
    return this.bounded && this.listItems > limit;
  }

  /** Top-level mutation fields started so far in this request. */
  private mutationFields = 0;

  /**
   * Each top-level mutation field starts with it. The fields of a mutation document run one after
   * another, so each one starts afresh:
   * - with empty loaders: its answer must show the data as its own mutation left it, not as an
   *   earlier one read it;
   * - after the first, with its caller to be verified again: a staff member deactivated (or changed)
   *   while the document runs stops acting at once (CONTRACT.md section 3), rather than for every
   *   field still to come. The first field's caller was verified for this request already.
   */
  startMutationField(): void {
    this.loaders.clear();
    if (this.mutationFields++ === 0) return;
    this.verified = null;
    this.assumed = null;
    this.authResolved = false;
  }

  /** A per-request DataLoader, created on first use under `key`. */
  loader<K, V>(
    key: string,
    batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  ): RequestLoader<K, V> {
    let l = this.loaders.get(key);
    if (!l) {
      l = new RequestLoader<K, V>(batch as DataLoader.BatchLoadFn<K, V>, { maxBatchSize: 1000 });
      this.loaders.set(key, l);
    }
    return l as RequestLoader<K, V>;
  }
}

/** Marks a list already counted against the request's budget (RequestContext.reserveListItems). */
export const COUNTED_LIST = Symbol.for('pathways:counted-list');

/** `list`, marked as counted already (see COUNTED_LIST). */
export function counted<T>(list: T[]): T[] {
  return Object.defineProperty(list, COUNTED_LIST, { value: true });
}

/** The GraphQL context object. */
export interface GqlContext {
  req: { headers: Record<string, string | string[] | undefined>; ip?: string; id?: unknown } & Record<
    string,
    any
  >;
  ctx: RequestContext;
}
