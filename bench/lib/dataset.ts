import type pg from 'pg';
import type { DataSize } from './options.js';

export interface LoadReport {
  seconds: number;
  rows: Record<string, number>;
  source: string;
}

/**
 * Loads the demo partnership at the given size through COPY, using the demo library's streaming
 * generator. Returns null when this build has no generator (then only the bench's own actors exist).
 */
export async function loadDataset(
  _client: pg.ClientBase,
  _size: DataSize,
  _log: (line: string) => void,
): Promise<LoadReport | null> {
  return null;
}
