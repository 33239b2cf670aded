import type { LoadResult } from './load-plan.js';
import { describeTarget, formatCpu, formatTable, type Row, verdict } from './report.js';

const result = (reqPerSec: number, p95: number, errors = 0): LoadResult => ({
  requests: 1000,
  errors,
  errorSample: null,
  seconds: 1000 / reqPerSec,
  reqPerSec,
  latency: { p50: p95 / 2, p95, p99: p95 * 1.5, max: p95 * 2, mean: p95 / 2 },
  stoppedEarly: false,
});

const rows: Row[] = [
  { id: 'ceiling', operation: 'ceiling', connections: 32, kind: 'ceiling', result: result(4000, 10) },
  {
    id: 'make',
    operation: 'makeReferral',
    connections: 32,
    kind: 'scenario',
    floorId: 'floor',
    target: { minReqPerSec: 1000, maxP95Ms: 40, minFloorShare: 0.4 },
    result: { ...result(1200, 30), cpu: { server: 1.234, postgres: 1.5, load: 0.25 } },
  },
  {
    id: 'floor',
    operation: 'floor',
    connections: 32,
    kind: 'floor',
    result: { ...result(2000, 20), cpu: { server: null, postgres: 1.4, load: 0.5 } },
  },
  {
    id: 'slow',
    operation: 'journey',
    connections: 16,
    kind: 'scenario',
    target: { maxP95Ms: 15 },
    result: result(500, 16, 2),
  },
  {
    id: 'read',
    operation: 'inbox',
    connections: 8,
    kind: 'scenario',
    postgraphileId: 'pgl',
    result: result(300, 9),
  },
  { id: 'pgl', operation: 'PostGraphile', connections: 8, kind: 'postgraphile', result: result(600, 5) },
];

describe('verdict', () => {
  it('compares with the ceiling, the floor and PostGraphile by throughput', () => {
    const v = verdict(rows[1], rows);
    expect(v.vsCeiling).toBeCloseTo(0.3);
    expect(v.vsFloor).toBeCloseTo(0.6);
    expect(verdict(rows[4], rows).vsPostgraphile).toBeCloseTo(0.5);
    expect(verdict(rows[0], rows).vsCeiling).toBeNull();
  });

  it('meets a target only when every part is met and nothing failed', () => {
    expect(verdict(rows[1], rows)).toMatchObject({ targetMet: true, missed: [] });
    expect(verdict(rows[3], rows)).toMatchObject({ targetMet: false, missed: ['p95 > 15 ms', '2 errors'] });
  });

  it('misses the floor share when there is no floor to compare with', () => {
    const alone = { ...rows[1], floorId: 'missing' };
    expect(verdict(alone, [alone]).missed).toEqual(['< 40% of pg floor']);
  });

  it('has no verdict without a target', () => {
    expect(verdict(rows[4], rows).targetMet).toBeNull();
  });
});

describe('formatTable', () => {
  it('prints one aligned line per row under the header, with ratios and verdicts', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[0]).toMatch(/^operation\s+\| conns \| req\/s \| p50 ms \| p95 ms \| p99 ms/);
    expect(lines[3]).toContain('30%');
    expect(lines[3]).toContain('60%');
    expect(lines[3]).toMatch(/\| yes$/);
    expect(lines[5]).toContain('NO: p95 > 15 ms; 2 errors');
    expect(lines[6]).toContain('0.50x');
    expect(lines[0]).toContain('CPU ms/req: server + PG + load');
    expect(lines[3]).toContain('1.23 + 1.50 + 0.25');
    expect(lines[4]).toContain('- + 1.40 + 0.50');
    expect(new Set(lines.map((l) => l.indexOf('|'))).size).toBe(1);
  });

  it('writes CPU per request as server + PostgreSQL + load, a dash for what was not read', () => {
    expect(formatCpu(undefined)).toBe('-');
    expect(formatCpu({ server: 0.587, postgres: null, load: 0.1 })).toBe('0.59 + - + 0.10');
    expect(formatCpu({ server: Number.NaN, postgres: 2, load: 0 })).toBe('- + 2.00 + 0.00');
  });

  it('describes targets as the issue states them', () => {
    expect(describeTarget({ minReqPerSec: 1000, maxP95Ms: 40, minFloorShare: 0.4 })).toBe(
      '≥1000 req/s, p95≤40ms, ≥40% floor',
    );
  });
});
