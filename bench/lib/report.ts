import type { CpuPerRequest } from './cpu.js';
import type { LoadResult } from './load-plan.js';
import { ratio } from './stats.js';

/** A target as the issue states it; checked against a measured row. */
export interface Target {
  minReqPerSec?: number;
  maxP95Ms?: number;
  /** Minimum share of the raw-pg floor's throughput (0.4 = 40%). */
  minFloorShare?: number;
}

export interface Row {
  id: string;
  operation: string;
  connections: number;
  result: LoadResult | null;
  /** Why there is no result (skipped, failed). */
  note?: string;
  /** Id of the raw-pg floor row this one is compared with. */
  floorId?: string;
  /** Id of the PostGraphile row this one is compared with. */
  postgraphileId?: string;
  target?: Target;
  /** Baselines and comparisons are rows too, marked so the reader does not take them as our figures. */
  kind: 'scenario' | 'ceiling' | 'floor' | 'postgraphile';
}

export interface RowVerdict {
  vsCeiling: number | null;
  vsFloor: number | null;
  vsPostgraphile: number | null;
  targetMet: boolean | null;
  missed: string[];
}

export function verdict(row: Row, rows: readonly Row[]): RowVerdict {
  const find = (id: string | undefined) => (id ? (rows.find((r) => r.id === id)?.result ?? null) : null);
  const ceiling = rows.find((r) => r.kind === 'ceiling')?.result ?? null;
  const rps = row.result?.reqPerSec;
  const floor = find(row.floorId);
  const pgl = find(row.postgraphileId);
  const out: RowVerdict = {
    vsCeiling: row.kind === 'ceiling' ? null : ratio(rps, ceiling?.reqPerSec),
    vsFloor: ratio(rps, floor?.reqPerSec),
    vsPostgraphile: ratio(rps, pgl?.reqPerSec),
    targetMet: null,
    missed: [],
  };
  if (row.target && row.result) {
    const t = row.target;
    const r = row.result;
    if (t.minReqPerSec !== undefined && r.reqPerSec < t.minReqPerSec)
      out.missed.push(`req/s < ${t.minReqPerSec}`);
    if (t.maxP95Ms !== undefined && !(r.latency.p95 <= t.maxP95Ms)) out.missed.push(`p95 > ${t.maxP95Ms} ms`);
    if (t.minFloorShare !== undefined && !((out.vsFloor ?? 0) >= t.minFloorShare))
      out.missed.push(`< ${Math.round(t.minFloorShare * 100)}% of pg floor`);
    if (r.errors > 0) out.missed.push(`${r.errors} errors`);
    out.targetMet = out.missed.length === 0;
  } else if (row.result && row.result.errors > 0) {
    out.missed.push(`${row.result.errors} errors`);
  }
  return out;
}

export function describeTarget(t: Target | undefined): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.minReqPerSec !== undefined) parts.push(`≥${t.minReqPerSec} req/s`);
  if (t.maxP95Ms !== undefined) parts.push(`p95≤${t.maxP95Ms}ms`);
  if (t.minFloorShare !== undefined) parts.push(`≥${Math.round(t.minFloorShare * 100)}% floor`);
  return parts.join(', ');
}

const num = (n: number | null | undefined, digits = 1) =>
  n == null || !Number.isFinite(n) ? '-' : n.toLocaleString('en-GB', { maximumFractionDigits: digits });
const pct = (n: number | null) => (n == null ? '-' : `${Math.round(n * 100)}%`);

/**
 * CPU milliseconds per request as "server + PostgreSQL + load" ('-' where not read): the server is
 * the API (or PostGraphile), absent for a raw-pg floor, whose plain Node script is its load.
 */
export function formatCpu(cpu: CpuPerRequest | undefined): string {
  if (!cpu) return '-';
  const ms = (n: number | null) => (n == null || !Number.isFinite(n) ? '-' : n.toFixed(2));
  return `${ms(cpu.server)} + ${ms(cpu.postgres)} + ${ms(cpu.load)}`;
}

/**
 * The one table a run prints: operation, req/s, p50, p95, p99, CPU per request, ratios to the
 * baselines, target.
 */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    'operation',
    'conns',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'CPU ms/req: server + PG + load',
    'vs ceiling',
    'vs pg floor',
    'vs PostGraphile',
    'target',
    'met',
  ];
  const lines: string[][] = [header];
  for (const row of rows) {
    const v = verdict(row, rows);
    const r = row.result;
    lines.push([
      row.operation,
      String(row.connections),
      r ? num(r.reqPerSec, 0) : '-',
      r ? num(r.latency.p50) : '-',
      r ? num(r.latency.p95) : '-',
      r ? num(r.latency.p99) : '-',
      r ? String(r.errors) + (r.stoppedEarly ? ' (time cap)' : '') : (row.note ?? 'not run'),
      formatCpu(r?.cpu),
      pct(v.vsCeiling),
      pct(v.vsFloor),
      v.vsPostgraphile == null ? '-' : `${v.vsPostgraphile.toFixed(2)}x`,
      describeTarget(row.target),
      v.targetMet == null ? '' : v.targetMet ? 'yes' : `NO: ${v.missed.join('; ')}`,
    ]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const right = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const fmt = (l: string[]) =>
    l
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join(' | ')
      .trimEnd();
  return [fmt(lines[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.slice(1).map(fmt)].join('\n');
}
