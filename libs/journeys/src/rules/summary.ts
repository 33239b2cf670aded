/** One human-readable line per journey entry, from plain facts (names already looked up). */

export interface ServiceFacts {
  name: string;
  site: string | null;
}

const lower = (code: string) =>
  code
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\bchildrens\b/g, "children's")
    .replace(/\benglish\b/g, 'English');

/** "ENGLISH_LANGUAGE" → "English language"; "CHILDRENS_EDUCATION" → "Children's education". */
export function humanise(code: string): string {
  const words = lower(code);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Family Support (Hilltop Children's Centre)", or the name alone when it has no site or the site is its name. */
export function serviceLabel(s: ServiceFacts): string {
  return s.site && s.site !== s.name ? `${s.name} (${s.site})` : s.name;
}

export function needsText(needs: readonly string[]): string {
  if (!needs.length) return '';
  return [humanise(needs[0]), ...needs.slice(1).map(lower)].join(', ');
}

const ROUTE_TEXT: Record<string, string> = {
  SELF: 'Self-referral',
  GP: 'Referred by a GP',
  HEALTH_VISITOR: 'Referred by a health visitor',
  SCHOOL: 'Referred by a school',
  JOBCENTRE: 'Referred by the Jobcentre',
  COUNCIL: 'Referred by the council',
  OTHER: 'Referred from outside the partnership',
};

export function referralMadeSummary(r: {
  from: ServiceFacts | null;
  to: ServiceFacts;
  route: string;
  needs: readonly string[];
  safeguardingOverride?: boolean;
}): string {
  const start = r.from ? `Referred from ${serviceLabel(r.from)}` : (ROUTE_TEXT[r.route] ?? 'Referred');
  const needs = r.needs.length ? ` — needs: ${needsText(r.needs)}` : '';
  const override = r.safeguardingOverride ? ' (safeguarding: sent without consent)' : '';
  return `${start} to ${r.to.name}${needs}${override}`;
}

const STATUS_TEXT: Record<string, string> = {
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
  IN_PROGRESS: 'started',
  ON_HOLD: 'put on hold',
  FAILED: 'closed unsuccessfully',
  COMPLETED: 'completed',
  ENTERED_IN_ERROR: 'marked as entered in error',
  REQUESTED: 'requested',
};

export function statusChangedSummary(e: {
  to: ServiceFacts;
  from: string | null;
  status: string;
  reason: string | null;
}): string {
  const resumed = e.from === 'ON_HOLD' && (e.status === 'ACCEPTED' || e.status === 'IN_PROGRESS');
  const verb = resumed ? 'resumed' : (STATUS_TEXT[e.status] ?? lower(e.status));
  const reason = e.reason ? ` — ${lower(e.reason)}` : '';
  return `Referral to ${e.to.name} ${verb}${reason}`;
}

export function registeredSummary(organisationName: string): string {
  return `Registered by ${organisationName}`;
}

const PURPOSE_TEXT: Record<string, string> = {
  REFERRAL_SHARING: 'share details with services they are referred to',
  JOURNEY_SHARING: 'share their journey',
};
const GIVER_TEXT: Record<string, string> = {
  PERSON: '',
  PARENT_OR_GUARDIAN: ' by a parent or guardian',
  REPRESENTATIVE: ' by a representative',
};

export function consentGivenSummary(c: { purpose: string; givenBy: string; organisations: number }): string {
  const scope = `${c.organisations} organisation${c.organisations === 1 ? '' : 's'}`;
  return `Consent given${GIVER_TEXT[c.givenBy] ?? ''} to ${PURPOSE_TEXT[c.purpose] ?? lower(c.purpose)} (${scope})`;
}

export function consentWithdrawnSummary(c: { purpose: string }): string {
  return `Consent withdrawn to ${PURPOSE_TEXT[c.purpose] ?? lower(c.purpose)}`;
}

const ONS4_LABELS = ['life satisfaction', 'worthwhile', 'happiness', 'anxiety'];

export function wellbeingSummary(a: {
  instrument: string;
  responses: readonly number[];
  rawScore: number | null;
  metricScore: number | null;
  service: ServiceFacts;
}): string {
  if (a.instrument === 'SWEMWBS')
    return `SWEMWBS wellbeing score ${a.rawScore} (metric ${a.metricScore?.toFixed(2)}) at ${a.service.name}`;
  const items = a.responses.map((v, i) => `${ONS4_LABELS[i]} ${v}`).join(', ');
  return `ONS4 personal wellbeing: ${items} at ${a.service.name}`;
}

const ESOL_TEXT: Record<string, string> = {
  PRE_ENTRY: 'Pre-entry',
  ENTRY_1: 'Entry 1',
  ENTRY_2: 'Entry 2',
  ENTRY_3: 'Entry 3',
  LEVEL_1: 'Level 1',
  LEVEL_2: 'Level 2',
};

export function outcomeSummary(o: {
  type: string;
  esolLevel: string | null;
  hours: number | null;
  contracted: boolean;
  service: ServiceFacts;
}): string {
  let what = humanise(o.type);
  if (o.type === 'ESOL_LEVEL_ACHIEVED' && o.esolLevel)
    what = `ESOL level achieved: ${ESOL_TEXT[o.esolLevel] ?? o.esolLevel}`;
  if (o.type === 'VOLUNTEERING_HOURS' && o.hours !== null) what = `Volunteering hours: ${o.hours}`;
  return `${what} (${o.contracted ? 'contracted' : 'added value'}) — ${o.service.name}`;
}
