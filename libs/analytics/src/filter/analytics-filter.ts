import { AppError, SHORT_TEXT_MAX, charLength, hasControlChars, uuidsOnly } from '#libs/common';
import type { AnalyticsFilterInput } from '../models/analytics.models.js';

/** The most values one filter list may hold. */
export const FILTER_LIST_MAX = 500;

/**
 * A validated filter. Dates are whole months (CONTRACT.md section 8): `fromDate` is the first day of
 * `from`'s month, `toExclusive` the first day of the month after `to`. A list that is null means
 * "no restriction"; a given list (even empty, or holding only unknown ids) restricts to its values.
 */
export interface AnalyticsFilter {
  fromDate: string | null;
  toExclusive: string | null;
  organisationIds: string[] | null;
  categories: string[] | null;
  wards: string[] | null;
}

export const NO_FILTER: AnalyticsFilter = {
  fromDate: null,
  toExclusive: null,
  organisationIds: null,
  categories: null,
  wards: null,
};

/** True when the filter restricts nothing. */
export function isUnfiltered(f: AnalyticsFilter): boolean {
  return (
    f.fromDate === null &&
    f.toExclusive === null &&
    f.organisationIds === null &&
    f.categories === null &&
    f.wards === null
  );
}

/** True when the filter restricts to one ward and nothing else. */
export function isOneWardOnly(f: AnalyticsFilter): f is AnalyticsFilter & { wards: [string] } {
  return (
    f.wards?.length === 1 &&
    f.fromDate === null &&
    f.toExclusive === null &&
    f.organisationIds === null &&
    f.categories === null
  );
}

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function nextMonthStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function list<T>(values: readonly T[] | null | undefined, field: string): readonly T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length > FILTER_LIST_MAX) {
    throw AppError.badInput(field, `Give at most ${FILTER_LIST_MAX} values.`);
  }
  return values;
}

/**
 * Validates and normalises an AnalyticsFilter (dates are already calendar dates: the Date scalar
 * checked them). Ids inside the filter never raise NOT_FOUND: malformed ones simply match nothing.
 * A `from` month after the `to` month is BAD_USER_INPUT on `filter.to`.
 */
export function normaliseFilter(input: AnalyticsFilterInput | null | undefined): AnalyticsFilter {
  if (!input) return NO_FILTER;
  const from = input.from ?? null;
  const to = input.to ?? null;
  if (from && to && monthStart(from) > monthStart(to)) {
    throw AppError.badInput('filter.to', '"to" must not be in a month before "from".');
  }
  const orgs = list(input.organisationIds, 'filter.organisationIds');
  const categories = list(input.categories, 'filter.categories');
  const wardsIn = list(input.wards, 'filter.wards');
  let wards: string[] | null = null;
  if (wardsIn) {
    wards = wardsIn.map((w) => w.trim());
    if (wards.some((w) => w.length === 0 || charLength(w) > SHORT_TEXT_MAX || hasControlChars(w))) {
      throw AppError.badInput(
        'filter.wards',
        `Each ward must be 1 to ${SHORT_TEXT_MAX} characters, without control characters.`,
      );
    }
  }
  return {
    fromDate: from ? monthStart(from) : null,
    toExclusive: to ? nextMonthStart(to) : null,
    organisationIds: orgs ? uuidsOnly(orgs) : null,
    categories: categories ? [...new Set(categories)] : null,
    wards: wards ? [...new Set(wards)] : null,
  };
}
