import { londonDateOf } from '#libs/common';
import { generateDemo, streamTable } from './generate.js';
import { DEMO_COLUMNS, DEMO_TABLES, type DemoRows, toCopyLine } from './rows.js';

const AS_OF = new Date('2026-06-15T12:00:00Z');

function collect(options: Parameters<typeof generateDemo>[0]) {
  const out: { [T in keyof DemoRows]: DemoRows[T][] } = Object.fromEntries(
    DEMO_TABLES.map((t) => [t, []]),
  ) as any;
  for (const b of generateDemo(options)) (out[b.table] as unknown[]).push(...b.rows);
  return out;
}

describe('demo generator', () => {
  const small = collect({ seed: 7, people: 150, asOf: AS_OF, chunkSize: 40 });

  it('gives the same rows for the same seed, and different rows for another seed', () => {
    expect(collect({ seed: 7, people: 150, asOf: AS_OF, chunkSize: 40 })).toEqual(small);
    const other = collect({ seed: 8, people: 150, asOf: AS_OF });
    expect(other.referrals.map((r) => r.status)).not.toEqual(small.referrals.map((r) => r.status));
    const ids = new Set([...small.people, ...other.people].map((p) => p.id));
    expect(ids.size).toBe(small.people.length + other.people.length - 1); // only the showcase person is shared
  });

  it('does not depend on the chunk size', () => {
    expect(collect({ seed: 7, people: 150, asOf: AS_OF, chunkSize: 150 })).toEqual(small);
  });

  it('streams a single table with the same rows', () => {
    const streamed = [
      ...streamTable('referral_events', { seed: 7, people: 150, asOf: AS_OF, chunkSize: 40 }),
    ].flat();
    expect(streamed).toEqual(small.referral_events);
  });

  it("inserts each person's assessments and outcomes in the order they were recorded", () => {
    // The database numbers rows as inserted (seq); "first recorded" on a tied date (wellbeingChange's
    // baseline and follow-up, the journey's order) is that number, so it must follow created_at.
    const big = collect({ seed: 7, people: 2000, asOf: AS_OF });
    for (const table of ['wellbeing_assessments', 'outcomes'] as const) {
      const last = new Map<string, number>();
      let outOfOrder = 0;
      for (const row of big[table]) {
        const at = row.created_at.getTime();
        if (at < (last.get(row.person_id) ?? -Infinity)) outOfOrder++;
        last.set(row.person_id, Math.max(at, last.get(row.person_id) ?? -Infinity));
      }
      expect({ table, outOfOrder }).toEqual({ table, outOfOrder: 0 });
    }
  });

  it('makes unique ids in every table', () => {
    for (const t of DEMO_TABLES) {
      if (t === 'staff_services') continue;
      const ids = (small[t] as { id: string }[]).map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('keeps every timestamp in the past and every event after its referral was made', () => {
    const limit = AS_OF.getTime();
    const referrals = new Map(small.referrals.map((r) => [r.id, r]));
    for (const e of small.referral_events) {
      expect(e.at.getTime()).toBeLessThanOrEqual(limit);
      expect(e.at.getTime()).toBeGreaterThanOrEqual(referrals.get(e.referral_id)!.created_at.getTime());
    }
    const people = new Map(small.people.map((p) => [p.id, p]));
    for (const r of small.referrals) {
      expect(r.created_at.getTime()).toBeGreaterThanOrEqual(people.get(r.person_id)!.created_at.getTime());
      if (r.accepted_at && r.completed_at) expect(r.accepted_at <= r.completed_at).toBe(true);
    }
    const today = londonDateOf(AS_OF);
    for (const a of small.wellbeing_assessments) expect(a.taken_on <= today).toBe(true);
    for (const o of small.outcomes) expect(o.achieved_on <= today).toBe(true);
  });

  it('follows the outcome input rules', () => {
    for (const o of small.outcomes) {
      expect(o.esol_level !== null).toBe(o.type === 'ESOL_LEVEL_ACHIEVED');
      expect(o.hours !== null).toBe(o.type === 'VOLUNTEERING_HOURS');
      if (o.hours !== null) expect(o.hours > 0 && o.hours <= 1000).toBe(true);
    }
  });

  it('has a realistic default population: about 2,000 people and 6,000 referrals with drop-off', () => {
    const all = collect({ asOf: AS_OF });
    expect(all.people.length).toBe(2001);
    expect(all.referrals.length).toBeGreaterThan(5500);
    expect(all.referrals.length).toBeLessThan(6800);
    const by = (s: string) => all.referrals.filter((r) => r.status === s).length;
    for (const s of [
      'REQUESTED',
      'ACCEPTED',
      'IN_PROGRESS',
      'COMPLETED',
      'REJECTED',
      'CANCELLED',
      'FAILED',
      'ON_HOLD',
      'ENTERED_IN_ERROR',
    ])
      expect({ s, n: by(s) > 0 }).toEqual({ s, n: true });
    const accepted = all.referrals.filter((r) => r.accepted_at).length;
    const completed = all.referrals.filter((r) => r.completed_at).length;
    expect(accepted).toBeLessThan(all.referrals.length);
    expect(completed).toBeLessThan(accepted);
    // Paired and unpaired wellbeing for both instruments.
    for (const instrument of ['SWEMWBS', 'ONS4']) {
      const perPerson = new Map<string, number>();
      for (const a of all.wellbeing_assessments.filter((w) => w.instrument === instrument))
        perPerson.set(a.person_id, (perPerson.get(a.person_id) ?? 0) + 1);
      expect([...perPerson.values()].filter((n) => n >= 2).length).toBeGreaterThan(30);
      expect([...perPerson.values()].filter((n) => n === 1).length).toBeGreaterThan(30);
    }
    expect(all.outcomes.some((o) => o.contracted)).toBe(true);
    expect(all.outcomes.some((o) => !o.contracted)).toBe(true);
  });

  it('writes COPY text lines with the documented columns', () => {
    const line = toCopyLine('referrals', small.referrals[0]);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.split('\t')).toHaveLength(DEMO_COLUMNS.referrals.length);
    expect(toCopyLine('staff_services', { staff_id: 'a', service_id: 'b' })).toBe('a\tb\n');
    expect(line).toContain('\\N');
  });

  it("escapes COPY's special characters in text and in array elements", () => {
    const row = {
      ...small.referrals[0],
      note: 'tab\there\nnew line\r\\ end',
      needs: ['a "quoted" need', 'back\\slash', 'tab\tin'],
      safeguarding_override: true,
      accepted_at: new Date('2026-01-02T03:04:05.006Z'),
      version: 3,
    };
    const cells = toCopyLine('referrals', row).slice(0, -1).split('\t');
    const cell = (c: string) => cells[DEMO_COLUMNS.referrals.indexOf(c as never)];
    expect(cell('note')).toBe('tab\\there\\nnew line\\r\\\\ end');
    expect(cell('needs')).toBe('{"a \\\\"quoted\\\\" need","back\\\\\\\\slash","tab\\tin"}');
    expect(cell('safeguarding_override')).toBe('t');
    expect(cell('accepted_at')).toBe('2026-01-02T03:04:05.006Z');
    expect(cell('version')).toBe('3');
  });
});
