/**
 * The longest lists the partnership's data are expected to hold, for list fields without a page
 * argument (`first`, `limit`), by "Type.field". The cost limit (CONTRACT.md section 10) multiplies
 * by them before a document runs; the list-item budget (RequestContext.countListItems) refuses an
 * answer only once some list in it has been longer, that is once the data have outgrown what the
 * cost limit assumed of them.
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Query.organisations': 50,
  'Query.services': 200,
  'Query.referralFunnel': 50,
  'Query.outcomeSummary': 12,
  'Organisation.services': 20,
  'Staff.services': 5,
  'Person.consents': 10,
  'Consent.organisations': 50,
  'Referral.history': 10,
  'Journey.entries': 100,
  'FlowReport.cells': 225,
  'WellbeingChange.items': 4,
};

/** Any other list of objects without a page argument. */
export const DEFAULT_LIST_BOUND = 20;

/** The longest list the cost limit assumes of a field ("Type.field") without a page argument. */
export function listBound(coordinate: string): number {
  return LIST_BOUNDS[coordinate] ?? DEFAULT_LIST_BOUND;
}
