/**
 * The longest lists a partnership's data are expected to hold, by "Type.field", for list fields
 * without a page argument (`first`, `limit`): a few times what the cost limit assumes of them
 * (LIST_BOUNDS of the API's cost model), which suits a town's partnership. While every list of an
 * answer keeps within them, the answer is never refused for its size (the contract promises its
 * operations run: CONTRACT.md section 10); once one is longer, the data have outgrown what any
 * limit set before execution could foresee, and the answer may hold at most GRAPHQL_MAX_LIST_ITEMS
 * list items (RequestContext.countListItems).
 */
export const DATA_LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Query.organisations': 100,
  'Query.services': 500,
  'Query.staff': 1000,
  'Query.referralFunnel': 100,
  'Query.outcomeSummary': 20,
  'Organisation.services': 50,
  'Staff.services': 50,
  'Person.consents': 50,
  'Consent.organisations': 100,
  'Referral.history': 50,
};

/** Any other list of objects without a page argument. */
export const DEFAULT_DATA_LIST_BOUND = 50;

/** The longest list the data are expected to hold of a field ("Type.field") without a page argument. */
export function listBound(coordinate: string): number {
  return DATA_LIST_BOUNDS[coordinate] ?? DEFAULT_DATA_LIST_BOUND;
}
