/**
 * The analytics figures computed a second, deliberately naive way: plain TypeScript loops over the
 * raw rows read back from the tables, stages taken from the referral HISTORY (referral_events, not
 * the denormalised columns), and disclosure control written out again from CONTRACT.md section 8.
 */

export interface RawService {
  id: string;
  organisation_id: string;
  category: string;
  ward: string | null;
}
export interface RawPerson {
  id: string;
  date_of_birth: string | null;
  ward: string | null;
  gender: string | null;
  ethnicity: string | null;
  preferred_language: string | null;
}
export interface RawReferral {
  id: string;
  person_id: string;
  from_service_id: string | null;
  to_service_id: string;
  creator_organisation_id: string;
  route: string;
  status: string;
  created_at: Date;
}
export interface RawEvent {
  referral_id: string;
  to_status: string;
  at: Date;
  seq: string;
}
export interface RawAssessment {
  person_id: string;
  service_id: string;
  organisation_id: string;
  instrument: string;
  responses: number[];
  metric_score: string | null;
  taken_on: string;
  seq: string;
}
export interface RawOutcome {
  person_id: string;
  service_id: string;
  organisation_id: string;
  type: string;
  achieved_on: string;
  contracted: boolean;
}

export interface Raw {
  services: RawService[];
  people: RawPerson[];
  referrals: RawReferral[];
  events: RawEvent[];
  assessments: RawAssessment[];
  outcomes: RawOutcome[];
}

export interface Filter {
  from?: string;
  to?: string;
  organisationIds?: string[];
  categories?: string[];
  wards?: string[];
}

export interface Count {
  value: number | null;
  suppressed: boolean;
  display: string;
}

const THRESHOLD = 7;
const ROUNDING = 5;

/** CONTRACT.md section 8, written out again. */
export function disclose(count: number, people: number): Count {
  if (count === 0) return { value: 0, suppressed: false, display: '0' };
  if ((count >= 1 && count <= THRESHOLD) || (people >= 1 && people <= THRESHOLD)) {
    return { value: null, suppressed: true, display: '*' };
  }
  const value = Math.round(count / ROUNDING) * ROUNDING; // Math.round: halves up for positives
  return { value, suppressed: false, display: String(value) };
}

export function londonDate(d: Date): string {
  return d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

function inMonths(date: string, f: Filter): boolean {
  const month = date.slice(0, 7);
  if (f.from && month < f.from.slice(0, 7)) return false;
  if (f.to && month > f.to.slice(0, 7)) return false;
  return true;
}

export class Naive {
  private readonly service = new Map<string, RawService>();
  private readonly person = new Map<string, RawPerson>();
  private readonly history = new Map<string, RawEvent[]>();

  constructor(private readonly raw: Raw) {
    for (const s of raw.services) this.service.set(s.id, s);
    for (const p of raw.people) this.person.set(p.id, p);
    const events = [...raw.events].sort((a, b) => Number(a.seq) - Number(b.seq));
    for (const e of events) {
      if (!this.history.has(e.referral_id)) this.history.set(e.referral_id, []);
      this.history.get(e.referral_id)!.push(e);
    }
  }

  /** The referrals that count for this filter and scope (null = the whole partnership). */
  referrals(f: Filter, scopeOrg: string | null = null): RawReferral[] {
    return this.raw.referrals.filter((r) => {
      const to = this.service.get(r.to_service_id)!;
      if (r.status === 'ENTERED_IN_ERROR') return false;
      if (!inMonths(londonDate(r.created_at), f)) return false;
      if (f.organisationIds && !f.organisationIds.includes(to.organisation_id)) return false;
      if (f.categories && !f.categories.includes(to.category)) return false;
      if (f.wards && !(to.ward !== null && f.wards.includes(to.ward))) return false;
      if (scopeOrg && r.creator_organisation_id !== scopeOrg && to.organisation_id !== scopeOrg) return false;
      return true;
    });
  }

  private reached(r: RawReferral, statuses: string[]): RawEvent | undefined {
    return (this.history.get(r.id) ?? []).find((e) => statuses.includes(e.to_status));
  }

  private stageCounts(rs: RawReferral[]) {
    const accepted = rs.filter((r) => this.reached(r, ['ACCEPTED']));
    const started = rs.filter((r) => this.reached(r, ['IN_PROGRESS', 'COMPLETED']));
    const completed = rs.filter((r) => this.reached(r, ['COMPLETED']));
    const people = (xs: RawReferral[]) => new Set(xs.map((r) => r.person_id)).size;
    return {
      referred: disclose(rs.length, people(rs)),
      accepted: disclose(accepted.length, people(accepted)),
      started: disclose(started.length, people(started)),
      completed: disclose(completed.length, people(completed)),
      acceptedRows: accepted,
    };
  }

  flows(f: Filter, scopeOrg: string | null = null) {
    const rs = this.referrals(f, scopeOrg);
    const cells = new Map<string, RawReferral[]>();
    for (const r of rs) {
      const from = r.from_service_id ? this.service.get(r.from_service_id)!.category : null;
      const key = JSON.stringify([from, this.service.get(r.to_service_id)!.category]);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key)!.push(r);
    }
    const out = [...cells.entries()].map(([key, list]) => {
      const [fromCategory, toCategory] = JSON.parse(key);
      const s = this.stageCounts(list);
      let median: number | null = null;
      if (!s.accepted.suppressed && s.accepted.value) {
        const days = s.acceptedRows
          .map((r) =>
            Math.floor((this.reached(r, ['ACCEPTED'])!.at.getTime() - r.created_at.getTime()) / 86_400_000),
          )
          .sort((a, b) => a - b);
        const mid = days.length / 2;
        const m = days.length % 2 ? days[Math.floor(mid)] : (days[mid - 1] + days[mid]) / 2;
        median = Math.floor(m + 0.5);
      }
      return {
        fromCategory,
        toCategory,
        referred: s.referred,
        accepted: s.accepted,
        completed: s.completed,
        medianDaysToAccept: median,
      };
    });
    return {
      cells: out,
      total: disclose(rs.length, new Set(rs.map((r) => r.person_id)).size),
    };
  }

  private ageBand(r: RawReferral): string {
    const dob = this.person.get(r.person_id)!.date_of_birth;
    if (!dob) return 'not recorded';
    const on = londonDate(r.created_at);
    const [y1, m1, d1] = dob.split('-').map(Number);
    const [y2, m2, d2] = on.split('-').map(Number);
    const age = y2 - y1 - (m2 * 100 + d2 < m1 * 100 + d1 ? 1 : 0);
    if (age < 0) return 'not recorded';
    const bands: [number, string][] = [
      [15, '0-15'],
      [24, '16-24'],
      [34, '25-34'],
      [44, '35-44'],
      [54, '45-54'],
      [64, '55-64'],
    ];
    return bands.find(([max]) => age <= max)?.[1] ?? '65+';
  }

  funnel(by: string, f: Filter, scopeOrg: string | null = null) {
    const rs = this.referrals(f, scopeOrg);
    const value = (v: string | null) => (v === null || v.trim() === '' ? 'not recorded' : v.trim());
    const groupOf = (r: RawReferral): string => {
      const p = this.person.get(r.person_id)!;
      switch (by) {
        case 'ROUTE':
          return r.route;
        case 'CATEGORY':
          return this.service.get(r.to_service_id)!.category;
        case 'WARD':
          return value(p.ward);
        case 'GENDER':
          return value(p.gender);
        case 'ETHNICITY':
          return value(p.ethnicity);
        case 'LANGUAGE':
          return value(p.preferred_language);
        case 'AGE_BAND':
          return this.ageBand(r);
      }
      throw new Error(by);
    };
    const groups = new Map<string, RawReferral[]>();
    for (const r of rs) {
      const g = groupOf(r);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(r);
    }
    return [...groups.entries()].map(([group, list]) => {
      const s = this.stageCounts(list);
      return {
        group,
        referred: s.referred,
        accepted: s.accepted,
        started: s.started,
        completed: s.completed,
      };
    });
  }

  pathways(f: Filter, limit: number, scopeOrg: string | null = null) {
    const rs = [...this.referrals(f, scopeOrg)].sort(
      (a, b) => a.created_at.getTime() - b.created_at.getTime(),
    );
    const first = new Map<string, Map<string, number>>(); // person → category → first instant
    for (const r of rs) {
      const cat = this.service.get(r.to_service_id)!.category;
      if (!first.has(r.person_id)) first.set(r.person_id, new Map());
      const m = first.get(r.person_id)!;
      if (!m.has(cat)) m.set(cat, r.created_at.getTime());
    }
    const sequences = new Map<string, number>();
    for (const m of first.values()) {
      const steps = [...m.entries()]
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .map(([c]) => c)
        .join('>');
      sequences.set(steps, (sequences.get(steps) ?? 0) + 1);
    }
    const rows = [...sequences.entries()]
      .map(([steps, n]) => ({ steps: steps.split('>'), people: disclose(n, n) }))
      .filter((r) => !r.people.suppressed);
    const cmp = (a: string[], b: string[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      return a.length - b.length;
    };
    rows.sort((a, b) => b.people.value! - a.people.value! || cmp(a.steps, b.steps));
    return rows.slice(0, limit);
  }

  private recorded<T extends { service_id: string; organisation_id: string }>(
    rows: T[],
    date: (x: T) => string,
    f: Filter,
    scopeOrg: string | null,
  ): T[] {
    return rows.filter((x) => {
      const s = this.service.get(x.service_id)!;
      if (!inMonths(date(x), f)) return false;
      if (f.organisationIds && !f.organisationIds.includes(x.organisation_id)) return false;
      if (f.categories && !f.categories.includes(s.category)) return false;
      if (f.wards && !(s.ward !== null && f.wards.includes(s.ward))) return false;
      if (scopeOrg && x.organisation_id !== scopeOrg) return false;
      return true;
    });
  }

  wellbeing(instrument: 'SWEMWBS' | 'ONS4', f: Filter, scopeOrg: string | null = null) {
    const matching = this.recorded(
      this.raw.assessments.filter((a) => a.instrument === instrument),
      (a) => a.taken_on,
      f,
      scopeOrg,
    );
    const byPerson = new Map<string, RawAssessment[]>();
    for (const a of matching) {
      if (!byPerson.has(a.person_id)) byPerson.set(a.person_id, []);
      byPerson.get(a.person_id)!.push(a);
    }
    // values in hundredths, so sums stay exact
    const items =
      instrument === 'SWEMWBS'
        ? [{ item: 'metric', v: (a: RawAssessment) => Math.round(Number(a.metric_score) * 100) }]
        : ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'].map((item, i) => ({
            item,
            v: (a: RawAssessment) => a.responses[i] * 100,
          }));
    const pairs: [RawAssessment, RawAssessment][] = [];
    for (const list of byPerson.values()) {
      const ordered = [...list].sort((a, b) =>
        a.taken_on < b.taken_on ? -1 : a.taken_on > b.taken_on ? 1 : Number(a.seq) - Number(b.seq),
      );
      const baseline = ordered[0];
      const followUp = ordered[ordered.length - 1];
      if (followUp.taken_on > baseline.taken_on) pairs.push([baseline, followUp]);
    }
    const n = pairs.length;
    const paired = disclose(n, n);
    const mean = (sumHundredths: number): number | null => {
      if (n < 10 || paired.suppressed) return null;
      // round half away from zero to one decimal place, exactly: tenths = sum / (10 n)
      const q = Math.floor((2 * Math.abs(sumHundredths) + 10 * n) / (20 * n));
      const v = (Math.sign(sumHundredths) * q) / 10;
      return v === 0 ? 0 : v;
    };
    const band = (x: number) => (x >= 9 ? 3 : x >= 7 ? 2 : x >= 5 ? 1 : 0);
    const improved = pairs.filter(([b, fu]) =>
      instrument === 'SWEMWBS'
        ? items[0].v(fu) - items[0].v(b) >= 300
        : band(fu.responses[0]) > band(b.responses[0]),
    ).length;
    return {
      instrument,
      pairedPeople: paired,
      items: items.map((it) => ({
        item: it.item,
        meanBaseline: mean(pairs.reduce((s, [b]) => s + it.v(b), 0)),
        meanFollowUp: mean(pairs.reduce((s, [, fu]) => s + it.v(fu), 0)),
        meanChange: mean(pairs.reduce((s, [b, fu]) => s + it.v(fu) - it.v(b), 0)),
      })),
      improvedMeaningfully: disclose(improved, improved),
      warned: n < 30,
    };
  }

  outcomes(f: Filter, scopeOrg: string | null = null) {
    const matching = this.recorded(this.raw.outcomes, (o) => o.achieved_on, f, scopeOrg);
    const types = [
      'STARTED_VOLUNTEERING',
      'VOLUNTEERING_HOURS',
      'ESOL_LEVEL_ACHIEVED',
      'QUALIFICATION_GAINED',
      'ENTERED_EDUCATION_OR_TRAINING',
      'ENTERED_EMPLOYMENT',
      'SUSTAINED_EMPLOYMENT',
      'CHILD_SCHOOL_PLACE',
      'IMPROVED_HOUSING',
      'REDUCED_ISOLATION',
      'HEALTHIER_LIFESTYLE',
      'OTHER',
    ];
    const count = (type: string, contracted: boolean) => {
      const xs = matching.filter((o) => o.type === type && o.contracted === contracted);
      return disclose(xs.length, new Set(xs.map((o) => o.person_id)).size);
    };
    return types.map((type) => ({ type, contracted: count(type, true), addedValue: count(type, false) }));
  }
}

/** Reads every raw row the analytics are computed from. */
export async function readRaw(db: { query<T = any>(sql: string): Promise<T[]> }): Promise<Raw> {
  return {
    services: await db.query('SELECT id, organisation_id, category, ward FROM services'),
    people: await db.query(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, ward, gender, ethnicity, preferred_language FROM people`,
    ),
    referrals: await db.query(
      'SELECT id, person_id, from_service_id, to_service_id, creator_organisation_id, route, status, created_at FROM referrals',
    ),
    events: await db.query('SELECT referral_id, to_status, at, seq FROM referral_events'),
    assessments: await db.query(
      `SELECT person_id, service_id, organisation_id, instrument, responses, metric_score::text AS metric_score,
              to_char(taken_on, 'YYYY-MM-DD') AS taken_on, seq FROM wellbeing_assessments`,
    ),
    outcomes: await db.query(
      `SELECT person_id, service_id, organisation_id, type, to_char(achieved_on, 'YYYY-MM-DD') AS achieved_on, contracted FROM outcomes`,
    ),
  };
}
