/**
 * Plain rows, one interface per table, with snake_case keys equal to the column names (so a row
 * can go straight into INSERT … json_populate_recordset or a COPY line). Timestamps are Dates,
 * calendar dates 'YYYY-MM-DD' strings, arrays JS arrays.
 */
export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  locally_rooted: boolean;
  ward: string | null;
  created_at: Date;
}

export interface ServiceRow {
  id: string;
  organisation_id: string;
  name: string;
  category: string;
  capacity: string;
  sensitive: boolean;
  site: string | null;
  ward: string | null;
  created_at: Date;
}

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: string;
  organisation_id: string;
  password_hash: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface StaffServiceRow {
  staff_id: string;
  service_id: string;
}

export interface PersonRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  preferred_language: string | null;
  interpreter_needed: boolean;
  postcode: string | null;
  ward: string | null;
  phone: string | null;
  email: string | null;
  nhs_number: string | null;
  gender: string | null;
  ethnicity: string | null;
  disability: boolean | null;
  equality_recorded: boolean;
  registered_by_organisation_id: string;
  registered_by_staff_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface ConsentRow {
  id: string;
  person_id: string;
  purpose: 'REFERRAL_SHARING' | 'JOURNEY_SHARING';
  organisation_ids: string[];
  given_by: 'PERSON' | 'PARENT_OR_GUARDIAN' | 'REPRESENTATIVE';
  given_at: Date;
  expires_at: Date | null;
  withdrawn_at: Date | null;
  recorded_by_staff_id: string;
  recorded_by_organisation_id: string;
  withdrawn_by_staff_id: string | null;
  withdrawn_by_organisation_id: string | null;
}

export interface ReferralRow {
  id: string;
  person_id: string;
  from_service_id: string | null;
  to_service_id: string;
  creator_organisation_id: string;
  to_organisation_id: string;
  created_by_staff_id: string;
  route: string;
  needs: string[];
  note: string | null;
  safeguarding_override: boolean;
  safeguarding_justification: string | null;
  status: string;
  status_reason: string | null;
  version: number;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  from_category: string | null;
  to_category: string;
  to_ward: string | null;
  accepted_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** `seq` is assigned by the database in insertion order: events are yielded oldest first per referral. */
export interface ReferralEventRow {
  id: string;
  referral_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  note: string | null;
  by_staff_id: string;
  by_organisation_id: string;
  at: Date;
}

export interface WellbeingAssessmentRow {
  id: string;
  person_id: string;
  service_id: string;
  organisation_id: string;
  instrument: 'SWEMWBS' | 'ONS4';
  responses: number[];
  raw_score: number | null;
  metric_score: number | null;
  taken_on: string;
  recorded_by_staff_id: string;
  created_at: Date;
}

export interface OutcomeRow {
  id: string;
  person_id: string;
  service_id: string;
  organisation_id: string;
  referral_id: string | null;
  type: string;
  achieved_on: string;
  esol_level: string | null;
  hours: number | null;
  contracted: boolean;
  note: string | null;
  recorded_by_staff_id: string;
  created_at: Date;
}

export interface DemoRows {
  organisations: OrganisationRow;
  services: ServiceRow;
  staff: StaffRow;
  staff_services: StaffServiceRow;
  people: PersonRow;
  consents: ConsentRow;
  referrals: ReferralRow;
  referral_events: ReferralEventRow;
  wellbeing_assessments: WellbeingAssessmentRow;
  outcomes: OutcomeRow;
}

export type DemoTable = keyof DemoRows;

/** Tables in foreign-key order: load them in this order. */
export const DEMO_TABLES: readonly DemoTable[] = [
  'organisations',
  'services',
  'staff',
  'staff_services',
  'people',
  'consents',
  'referrals',
  'referral_events',
  'wellbeing_assessments',
  'outcomes',
];

const keys = <T>(sample: Record<keyof T, true>) => Object.keys(sample) as (keyof T & string)[];

/** The columns of each table's rows, in a fixed order (use them as the COPY column list). */
export const DEMO_COLUMNS: { readonly [T in DemoTable]: readonly (keyof DemoRows[T] & string)[] } = {
  organisations: keys<OrganisationRow>({
    id: true,
    name: true,
    kind: true,
    locally_rooted: true,
    ward: true,
    created_at: true,
  }),
  services: keys<ServiceRow>({
    id: true,
    organisation_id: true,
    name: true,
    category: true,
    capacity: true,
    sensitive: true,
    site: true,
    ward: true,
    created_at: true,
  }),
  staff: keys<StaffRow>({
    id: true,
    email: true,
    name: true,
    role: true,
    organisation_id: true,
    password_hash: true,
    active: true,
    created_at: true,
    updated_at: true,
  }),
  staff_services: keys<StaffServiceRow>({ staff_id: true, service_id: true }),
  people: keys<PersonRow>({
    id: true,
    given_name: true,
    family_name: true,
    date_of_birth: true,
    preferred_language: true,
    interpreter_needed: true,
    postcode: true,
    ward: true,
    phone: true,
    email: true,
    nhs_number: true,
    gender: true,
    ethnicity: true,
    disability: true,
    equality_recorded: true,
    registered_by_organisation_id: true,
    registered_by_staff_id: true,
    created_at: true,
    updated_at: true,
  }),
  consents: keys<ConsentRow>({
    id: true,
    person_id: true,
    purpose: true,
    organisation_ids: true,
    given_by: true,
    given_at: true,
    expires_at: true,
    withdrawn_at: true,
    recorded_by_staff_id: true,
    recorded_by_organisation_id: true,
    withdrawn_by_staff_id: true,
    withdrawn_by_organisation_id: true,
  }),
  referrals: keys<ReferralRow>({
    id: true,
    person_id: true,
    from_service_id: true,
    to_service_id: true,
    creator_organisation_id: true,
    to_organisation_id: true,
    created_by_staff_id: true,
    route: true,
    needs: true,
    note: true,
    safeguarding_override: true,
    safeguarding_justification: true,
    status: true,
    status_reason: true,
    version: true,
    idempotency_key: true,
    idempotency_fingerprint: true,
    from_category: true,
    to_category: true,
    to_ward: true,
    accepted_at: true,
    started_at: true,
    completed_at: true,
    created_at: true,
    updated_at: true,
  }),
  referral_events: keys<ReferralEventRow>({
    id: true,
    referral_id: true,
    from_status: true,
    to_status: true,
    reason: true,
    note: true,
    by_staff_id: true,
    by_organisation_id: true,
    at: true,
  }),
  wellbeing_assessments: keys<WellbeingAssessmentRow>({
    id: true,
    person_id: true,
    service_id: true,
    organisation_id: true,
    instrument: true,
    responses: true,
    raw_score: true,
    metric_score: true,
    taken_on: true,
    recorded_by_staff_id: true,
    created_at: true,
  }),
  outcomes: keys<OutcomeRow>({
    id: true,
    person_id: true,
    service_id: true,
    organisation_id: true,
    referral_id: true,
    type: true,
    achieved_on: true,
    esol_level: true,
    hours: true,
    contracted: true,
    note: true,
    recorded_by_staff_id: true,
    created_at: true,
  }),
};

/** A character COPY's text format escapes: backslash, tab, newline, carriage return. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** Text with COPY's special characters escaped; most values have none, so they are tested for first. */
function copyText(s: string): string {
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]) : s;
}

/** An array literal (`{"a","b"}`), each element quoted, then escaped for COPY as one value. */
function copyArray(v: readonly unknown[]): string {
  let literal = '{';
  for (let i = 0; i < v.length; i++) {
    if (i > 0) literal += ',';
    literal += `"${String(v[i]).replace(/["\\]/g, '\\$&')}"`;
  }
  return copyText(literal + '}');
}

function copyValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return copyText(v);
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return '\\N';
    default:
      if (v === null) return '\\N';
      if (v instanceof Date) return v.toISOString();
      if (Array.isArray(v)) return copyArray(v);
      return copyText(String(v));
  }
}

/**
 * One line of PostgreSQL COPY text format (tab-separated, `\N` for null, newline-terminated) with
 * the columns of DEMO_COLUMNS[table]: `COPY table (cols) FROM STDIN`.
 */
export function toCopyLine<T extends DemoTable>(table: T, row: DemoRows[T]): string {
  const r = row as unknown as Record<string, unknown>;
  const columns = DEMO_COLUMNS[table];
  let line = copyValue(r[columns[0]]);
  for (let i = 1; i < columns.length; i++) line += '\t' + copyValue(r[columns[i]]);
  return line + '\n';
}
