import { admits, retryAfterMs, type WindowCounts } from './sliding-window.js';

const W = 60_000;
const at = (previous: number, current: number, elapsedMs: number): WindowCounts => ({
  previous,
  current,
  elapsedMs,
});

describe('admits: the previous window weighted by what the sliding minute still covers', () => {
  it.each([
    // previous, current, elapsed, weight, limit, admitted
    [0, 0, 0, 1, 1, true],
    [0, 19, 30_000, 1, 20, true],
    [0, 20, 30_000, 1, 20, false],
    [20, 0, 1_000, 1, 20, false], // a full window just before the edge: nothing just after it
    [20, 0, 3_000, 1, 20, true], // 20 × 57/60 = 19: one more fits
    [20, 10, 30_000, 1, 20, false], // 10 + 10 = 20 already
    [20, 10, 33_000, 1, 20, true], // 9 + 10 = 19
    [0, 0, 0, 21, 20, false], // a document above the limit never fits
    [0, 2, 59_999, 3, 5, true],
  ])(
    'previous %p, current %p, %p ms in, weight %p, limit %p: %p',
    (previous, current, elapsed, weight, limit, ok) => {
      expect(admits(at(previous, current, elapsed), weight, limit, W)).toBe(ok);
    },
  );
});

describe('retryAfterMs: when the same request would be admitted', () => {
  it.each([
    // previous, current, elapsed, weight, limit, ms
    [0, 0, 0, 1, 1, 0], // it fits now
    [20, 0, 1_000, 1, 20, 2_000], // 20 × (1 − 3/60) = 19 at 3 s in
    [20, 10, 30_000, 1, 20, 3_000], // 20 × (1 − 33/60) = 9 → 19
    [0, 3, 10_000, 1, 3, 70_000], // after the window: 3 × (1 − 20/60) = 2, at 0:20 of the next
    [0, 20, 59_000, 1, 20, 4_000], // 1 s left, then 20 × (1 − 3/60) = 19
    [5, 5, 0, 1, 5, 12_000 + 60_000], // current alone is past the room: 5 × (1 − t'/60) ≤ 4, t' = 12 s
    [0, 0, 10_000, 6, 5, 110_000], // above the limit: when both windows are forgotten
  ])(
    'previous %p, current %p, %p ms in, weight %p, limit %p: %p ms',
    (previous, current, elapsed, weight, limit, ms) => {
      const c = at(previous, current, elapsed);
      expect(retryAfterMs(c, weight, limit, W)).toBeCloseTo(ms, 6);
    },
  );

  it('is exactly when admits first says yes, nothing else counted meanwhile', () => {
    // Replays the clock: every case that does not fit now fits at the answer, not a second before.
    const cases: [number, number, number, number, number][] = [
      [20, 0, 1_000, 1, 20],
      [20, 10, 30_000, 1, 20],
      [0, 3, 10_000, 1, 3],
      [7, 12, 45_500, 2, 13],
      [100, 0, 1_000, 7, 100],
    ];
    for (const [previous, current, elapsed, weight, limit] of cases) {
      const wait = retryAfterMs(at(previous, current, elapsed), weight, limit, W);
      const later = (t: number) => {
        const when = elapsed + t;
        return when < W ? at(previous, current, when) : at(current, 0, when - W);
      };
      expect({ previous, current, ok: admits(later(wait + 1e-6), weight, limit, W) }).toEqual({
        previous,
        current,
        ok: true,
      });
      expect({ previous, current, ok: admits(later(Math.max(wait - 1_000, 0)), weight, limit, W) }).toEqual({
        previous,
        current,
        ok: false,
      });
    }
  });
});
