/** The analytics operations, as a commissioner's client would send them. */
const COUNT = '{ value suppressed display }';

export const FLOWS = `query($filter: AnalyticsFilter) { referralFlows(filter: $filter) {
  cells { fromCategory toCategory referred ${COUNT} accepted ${COUNT} completed ${COUNT} medianDaysToAccept }
  total ${COUNT} } }`;

export const FUNNEL = `query($by: FunnelDimension!, $filter: AnalyticsFilter) { referralFunnel(by: $by, filter: $filter) {
  group referred ${COUNT} accepted ${COUNT} started ${COUNT} completed ${COUNT} } }`;

export const PATHWAYS = `query($filter: AnalyticsFilter, $limit: Int) { pathways(filter: $filter, limit: $limit) {
  steps people ${COUNT} } }`;

export const WELLBEING = `query($instrument: WellbeingInstrument!, $filter: AnalyticsFilter) {
  wellbeingChange(instrument: $instrument, filter: $filter) {
    instrument pairedPeople ${COUNT} items { item meanBaseline meanFollowUp meanChange }
    improvedMeaningfully ${COUNT} warning } }`;

export const OUTCOMES = `query($filter: AnalyticsFilter) { outcomeSummary(filter: $filter) {
  type contracted ${COUNT} addedValue ${COUNT} } }`;

export const DIMENSIONS = ['ROUTE', 'CATEGORY', 'WARD', 'AGE_BAND', 'GENDER', 'ETHNICITY', 'LANGUAGE'];
