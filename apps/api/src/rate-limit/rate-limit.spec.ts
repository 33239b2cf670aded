import { parse, type OperationDefinitionNode } from 'graphql';
import { AppError } from '#libs/common';
import { MemoryRateLimitStore } from './memory.store.js';
import { operationWeight } from './rate-limit.plugin.js';
import { RateLimiter } from './rate-limiter.js';

const op = (q: string) => parse(q).definitions[0] as OperationDefinitionNode;

describe('operationWeight', () => {
  it('is 1 for a query, however many fields', () => {
    expect(operationWeight(op('{ a b c }'))).toBe(1);
  });
  it('is the number of top-level mutation fields, aliases included', () => {
    expect(
      operationWeight(op('mutation { a: login(x: 1) { t } b: login(x: 2) { t } c: login(x: 3) { t } }')),
    ).toBe(3);
    expect(operationWeight(op('mutation { __typename x }'))).toBe(1);
  });
  it('leaves out fields that do not run (@skip, @include), with literals or variables', () => {
    const doc = op(
      'mutation($no: Boolean!, $yes: Boolean!) { a @skip(if: true) b @include(if: $no) c @include(if: $yes) d @skip(if: $no) ... on Mutation @skip(if: $yes) { e f } }',
    );
    expect(operationWeight(doc, new Map(), { no: false, yes: true })).toBe(2);
    expect(operationWeight(doc, new Map(), { no: true, yes: false })).toBe(3);
    // a variable graphql-js will refuse: counted as running
    expect(operationWeight(op('mutation($x: Boolean!) { a @skip(if: $x) b }'), new Map(), { x: 'yes' })).toBe(
      2,
    );
  });
  it('counts fields inside fragments once each', () => {
    const doc = parse('mutation { ...F ... on Mutation { c } } fragment F on Mutation { a b }');
    const fragments = new Map([['F', (doc.definitions[1] as any).selectionSet]]);
    expect(operationWeight(doc.definitions[0] as OperationDefinitionNode, fragments)).toBe(3);
  });
});

describe('RateLimiter with the in-memory store (a sliding minute)', () => {
  const MINUTE = 60_000;
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: AppError) => `${e.code} ${(e.extensions as { retryAfterSeconds: number }).retryAfterSeconds}`,
    );

  it('allows the limit, refuses beyond it with retryAfterSeconds, and admits again when told', async () => {
    let now = MINUTE * 1000 + 10_000; // 10 s into a window
    const limiter = new RateLimiter(new MemoryRateLimitStore(() => now), { perStaff: 3, perAnonymousIp: 2 });
    for (let i = 0; i < 3; i++) await limiter.consume({ staffId: 's1' }, 1);
    const err = await limiter.consume({ staffId: 's1' }, 1).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('RATE_LIMITED');
    // 3 counted at 0:10 of one window: the estimate falls to 2 at 0:20 of the next, 70 s on.
    expect(err.extensions.retryAfterSeconds).toBe(70);
    await limiter.consume({ staffId: 's2' }, 1); // another staff member has their own count
    now += 69_000;
    expect(await codeOf(limiter.consume({ staffId: 's1' }, 1))).toBe('RATE_LIMITED 1');
    now += 1_000;
    expect(await codeOf(limiter.consume({ staffId: 's1' }, 1))).toBe('ok');
  });

  it('does not let twice the limit through across the edge of a minute', async () => {
    let now = MINUTE * 500 - 1_000; // the last second of a window
    const limiter = new RateLimiter(new MemoryRateLimitStore(() => now), { perStaff: 20, perAnonymousIp: 0 });
    for (let i = 0; i < 20; i++) await limiter.consume({ staffId: 's' }, 1);
    now += 2_000; // one second into the next
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => codeOf(limiter.consume({ staffId: 's' }, 1))),
    );
    expect(answers.filter((a) => a === 'ok')).toHaveLength(0);
    // A steady rate within the limit keeps going: one request every 3.5 s (17 a minute) for three minutes.
    const steady = new RateLimiter(new MemoryRateLimitStore(() => now), { perStaff: 20, perAnonymousIp: 0 });
    const seen: string[] = [];
    for (let i = 0; i < 52; i++, now += 3_500) seen.push(await codeOf(steady.consume({ staffId: 't' }, 1)));
    expect(seen.filter((a) => a !== 'ok')).toEqual([]);
  });

  it('does not count a refused request', async () => {
    const now = MINUTE * 7 + 1_000;
    const limiter = new RateLimiter(new MemoryRateLimitStore(() => now), { perStaff: 3, perAnonymousIp: 0 });
    await limiter.consume({ staffId: 's' }, 2);
    // three more do not fit, and are not counted: one still does
    expect(await codeOf(limiter.consume({ staffId: 's' }, 3))).toMatch(/^RATE_LIMITED/);
    expect(await codeOf(limiter.consume({ staffId: 's' }, 1))).toBe('ok');
    // more than the limit in one document never fits: said to wait until both windows are forgotten
    expect(await codeOf(limiter.consume({ staffId: 's' }, 4))).toBe('RATE_LIMITED 119');
  });

  it('counts weight (aliased mutations) and keeps IP addresses apart', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(() => 5_000), {
      perStaff: 3,
      perAnonymousIp: 2,
    });
    await expect(limiter.consume({ staffId: 's' }, 4)).rejects.toThrow(AppError);
    await limiter.consume({ ip: '10.0.0.1' }, 2);
    await expect(limiter.consume({ ip: '10.0.0.1' }, 1)).rejects.toThrow(AppError);
    await limiter.consume({ ip: '10.0.0.2' }, 1);
  });

  it('0 turns a limit off', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), { perStaff: 0, perAnonymousIp: 0 });
    for (let i = 0; i < 1000; i++) await limiter.consume({ ip: 'x' }, 1);
  });

  it('forgets counts no sliding window reaches, so memory stays bounded', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    for (let i = 0; i < 100; i++) await store.take(`k${i}`, 1, 10, MINUTE);
    expect(store.size).toBe(100);
    now = MINUTE + 1; // the next window still needs them
    await store.take('fresh', 1, 10, MINUTE);
    expect(store.size).toBe(101);
    now = 3 * MINUTE;
    await store.take('fresher', 1, 10, MINUTE);
    expect(store.size).toBe(1);
  });
});
