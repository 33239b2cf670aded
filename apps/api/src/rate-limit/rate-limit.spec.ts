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
  it('counts fields inside fragments once each', () => {
    const doc = parse('mutation { ...F ... on Mutation { c } } fragment F on Mutation { a b }');
    const fragments = new Map([['F', (doc.definitions[1] as any).selectionSet]]);
    expect(operationWeight(doc.definitions[0] as OperationDefinitionNode, fragments)).toBe(3);
  });
});

describe('RateLimiter with the in-memory fixed window', () => {
  it('allows the limit, refuses beyond it with retryAfterSeconds, and resets with the next window', async () => {
    let now = 60_000 * 1000 + 10_000; // 10 s into a window
    const limiter = new RateLimiter(new MemoryRateLimitStore(() => now), { perStaff: 3, perAnonymousIp: 2 });
    for (let i = 0; i < 3; i++) await limiter.consume({ staffId: 's1' }, 1);
    const err = await limiter.consume({ staffId: 's1' }, 1).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.extensions.retryAfterSeconds).toBe(50);
    await limiter.consume({ staffId: 's2' }, 1); // another staff member has their own count
    now += 50_000;
    await limiter.consume({ staffId: 's1' }, 1);
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

  it('forgets past windows so memory stays bounded', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    for (let i = 0; i < 100; i++) await store.hit(`k${i}`, 1, 60_000);
    expect(store.size).toBe(100);
    now = 120_000;
    await store.hit('fresh', 1, 60_000);
    expect(store.size).toBe(1);
  });
});
