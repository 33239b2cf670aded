import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpuPerRequest, type CpuSnapshot, localPostmaster, parseProcStat, takeSnapshot } from './cpu.js';

// A /proc/<pid>/stat line: pid, (comm), state, ppid, ... utime (14), stime (15), ...
const statLine = (comm: string, ppid: number, utime: number, stime: number) =>
  `4242 (${comm}) S ${ppid} 4242 4242 0 -1 4194560 1000 0 0 0 ${utime} ${stime} 0 0 20 0 11 0 12345 1000000 5000`;

describe('parseProcStat', () => {
  it.each([
    ['node', 1, 120, 30, { ppid: 1, cpuTicks: 150 }],
    ['postgres', 977, 0, 0, { ppid: 977, cpuTicks: 0 }],
    // the command name may hold spaces and parentheses: the fields count from its last ')'
    ['a (b) c', 7, 5, 6, { ppid: 7, cpuTicks: 11 }],
    ['x)', 8, 1, 2, { ppid: 8, cpuTicks: 3 }],
  ])('reads ppid and CPU ticks of %p', (comm, ppid, utime, stime, expected) => {
    expect(parseProcStat(statLine(comm, ppid, utime, stime))).toEqual(expected);
  });

  it.each([
    [''],
    ['no parenthesis here'],
    ['4242 (node) S 1 2 3'],
    ['4242 (node) S x 1 1 1 1 1 1 1 1 1 a b'],
  ])('gives null for %p', (text) => {
    expect(parseProcStat(text)).toBeNull();
  });
});

describe('cpuPerRequest', () => {
  const snap = (server: number | null, postgres: [number, number][] | null, self: number): CpuSnapshot => ({
    server,
    postgres: postgres ? new Map(postgres) : null,
    self,
  });

  it('divides each side by the requests; a PostgreSQL process born in the run counts whole', () => {
    const before = snap(
      1000,
      [
        [10, 500],
        [11, 100],
      ],
      200,
    );
    const after = snap(
      3000,
      [
        [10, 700],
        [11, 300],
        [12, 100],
      ],
      700,
    );
    expect(cpuPerRequest(before, after, 1000)).toEqual({ server: 2, postgres: 0.5, load: 0.5 });
  });

  it('gives null where a side could not be read, and nothing per request of no requests', () => {
    expect(cpuPerRequest(snap(null, null, 0), snap(null, null, 50), 10)).toEqual({
      server: null,
      postgres: null,
      load: 5,
    });
    expect(cpuPerRequest(snap(0, [[1, 0]], 0), snap(10, [[1, 5]], 5), 0)).toEqual({
      server: null,
      postgres: null,
      load: 0,
    });
  });
});

// /proc is Linux's: elsewhere the server's and PostgreSQL's figures are null (the load's own are read anyway).
const procReadable = existsSync('/proc/self/stat');

describe('on this machine', () => {
  it("reads the CPU a watched process spends, and finds it among its parent's children", async () => {
    // busy for 300 ms, then idle until killed
    const child = spawn(process.execPath, [
      '-e',
      'const t = Date.now(); while (Date.now() - t < 300); console.log("done"); setInterval(() => {}, 1000);',
    ]);
    try {
      const pid = child.pid!;
      const watch = { serverPid: pid, postmasterPid: process.pid };
      const before = takeSnapshot(watch);
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (d: Buffer) => d.includes('done') && resolve()),
      );
      const after = takeSnapshot(watch);
      const per = cpuPerRequest(before, after, 1);
      if (procReadable) {
        expect(after.postgres?.has(pid)).toBe(true);
        expect(per.server).toBeGreaterThanOrEqual(100);
        expect(per.postgres).toBeGreaterThanOrEqual(100);
      } else {
        expect(per).toMatchObject({ server: null, postgres: null });
      }
      expect(per.load).toBeGreaterThanOrEqual(0);
    } finally {
      child.kill();
    }
  });

  it('finds no local postmaster behind a pid that is not a postgres backend', () => {
    expect(localPostmaster(process.pid, 'pathways')).toBeNull();
    expect(localPostmaster(2 ** 22 + 1, 'pathways')).toBeNull();
  });
});
