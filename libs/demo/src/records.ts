import { londonDateOf } from '#libs/common';
import { swemwbsMetric } from '#libs/outcomes';
import type {
  ConsentRow,
  OutcomeRow,
  PersonRow,
  ReferralEventRow,
  ReferralRow,
  ServiceRow,
  StaffRow,
  WellbeingAssessmentRow,
} from './rows.js';

/** Every person-level row of one or more people, in foreign-key order. */
export interface PersonRecords {
  people: PersonRow[];
  consents: ConsentRow[];
  referrals: ReferralRow[];
  referral_events: ReferralEventRow[];
  wellbeing_assessments: WellbeingAssessmentRow[];
  outcomes: OutcomeRow[];
}

export function emptyRecords(): PersonRecords {
  return {
    people: [],
    consents: [],
    referrals: [],
    referral_events: [],
    wellbeing_assessments: [],
    outcomes: [],
  };
}

/**
 * Puts one person's assessments and outcomes in the order they were recorded, the order to insert
 * them in: the database numbers rows as inserted (seq), and that number orders what was recorded on
 * the same date (wellbeingChange's baseline and follow-up, the journey).
 */
export function inRecordedOrder(rec: PersonRecords): PersonRecords {
  const byRecordedAt = (a: { created_at: Date }, b: { created_at: Date }) =>
    a.created_at.getTime() - b.created_at.getTime();
  rec.wellbeing_assessments.sort(byRecordedAt);
  rec.outcomes.sort(byRecordedAt);
  return rec;
}

const londonDays = new Map<number, string>();

/** The Europe/London date of an instant (memoised per UTC hour: London offsets are whole hours). */
function londonDay(at: Date): string {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let day = londonDays.get(hour);
  if (day === undefined) {
    day = londonDateOf(at);
    if (londonDays.size > 100_000) londonDays.clear();
    londonDays.set(hour, day);
  }
  return day;
}

export function assessmentRow(
  id: string,
  personId: string,
  service: ServiceRow,
  by: StaffRow,
  instrument: 'SWEMWBS' | 'ONS4',
  responses: number[],
  at: Date,
): WellbeingAssessmentRow {
  const raw = instrument === 'SWEMWBS' ? responses.reduce((a, b) => a + b, 0) : null;
  return {
    id,
    person_id: personId,
    service_id: service.id,
    organisation_id: service.organisation_id,
    instrument,
    responses,
    raw_score: raw,
    metric_score: raw === null ? null : swemwbsMetric(raw),
    taken_on: londonDay(at),
    recorded_by_staff_id: by.id,
    created_at: at,
  };
}

export function outcomeRow(
  id: string,
  personId: string,
  service: ServiceRow,
  by: StaffRow,
  at: Date,
  o: {
    type: string;
    contracted: boolean;
    referralId?: string | null;
    esolLevel?: string | null;
    hours?: number | null;
    note?: string | null;
  },
): OutcomeRow {
  return {
    id,
    person_id: personId,
    service_id: service.id,
    organisation_id: service.organisation_id,
    referral_id: o.referralId ?? null,
    type: o.type,
    achieved_on: londonDay(at),
    esol_level: o.esolLevel ?? null,
    hours: o.hours ?? null,
    contracted: o.contracted,
    note: o.note ?? null,
    recorded_by_staff_id: by.id,
    created_at: at,
  };
}

/** A valid NHS number (modulus 11) from nine digits, or null when the check digit would be 10. */
export function nhsNumberFrom(nineDigits: string): string | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return nineDigits + (check === 11 ? '0' : String(check));
}
