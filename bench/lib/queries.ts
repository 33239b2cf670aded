/** The GraphQL documents the bench sends: what a client of each screen would ask for. */

export const CEILING = `{ __typename }`;

export const MAKE_REFERRAL = `mutation Make($input: MakeReferralInput!) {
  makeReferral(input: $input) { id status version }
}`;

export const TRANSITION_REFERRAL = `mutation Transition($input: TransitionReferralInput!) {
  transitionReferral(input: $input) { id status version }
}`;

export const JOURNEY = `query Journey($personId: ID!) {
  journey(personId: $personId) {
    hiddenEntries
    categories
    entries {
      at kind summary
      service { id name category }
      organisation { id name }
      referral { id status }
      outcome { id type }
      assessment { id instrument metricScore }
    }
  }
}`;

export const INBOX = `query Inbox {
  referrals(filter: { direction: INBOX }, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id status version createdAt needs
        person { id givenName familyName }
        fromService { id name }
        toService { id name }
      }
    }
  }
}`;

/** A person's referrals with their services (the read compared with PostGraphile). */
export const PERSON_REFERRALS = `query PersonReferrals($personId: ID!) {
  referrals(filter: { personId: $personId }, first: 50) {
    edges { node { id status createdAt toService { id name category } fromService { id name category } } }
  }
}`;

const COUNT = `{ value suppressed display }`;
export const ANALYTICS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'referralFlows',
    query: `query Q($filter: AnalyticsFilter) { referralFlows(filter: $filter) {
      total ${COUNT} cells { fromCategory toCategory referred ${COUNT} accepted ${COUNT} completed ${COUNT} medianDaysToAccept } } }`,
  },
  {
    name: 'referralFunnel(AGE_BAND)',
    query: `query Q($filter: AnalyticsFilter) { referralFunnel(by: AGE_BAND, filter: $filter) {
      group referred ${COUNT} accepted ${COUNT} started ${COUNT} completed ${COUNT} } }`,
  },
  {
    name: 'pathways',
    query: `query Q($filter: AnalyticsFilter) { pathways(filter: $filter, limit: 10) { steps people ${COUNT} } }`,
  },
  {
    name: 'wellbeingChange(SWEMWBS)',
    query: `query Q($filter: AnalyticsFilter) { wellbeingChange(instrument: SWEMWBS, filter: $filter) {
      pairedPeople ${COUNT} improvedMeaningfully ${COUNT} warning items { item meanBaseline meanFollowUp meanChange } } }`,
  },
  {
    name: 'outcomeSummary',
    query: `query Q($filter: AnalyticsFilter) { outcomeSummary(filter: $filter) { type contracted ${COUNT} addedValue ${COUNT} } }`,
  },
];

/** PostGraphile 4's generated equivalents (its default inflection over the same tables). */
export const PGL_PERSON_REFERRALS = `query PersonReferrals($personId: UUID!) {
  personById(id: $personId) {
    referralsByPersonId(first: 50, orderBy: [CREATED_AT_DESC, ID_DESC]) {
      nodes { id status createdAt serviceByToServiceId { id name category } serviceByFromServiceId { id name category } }
    }
  }
}`;

export const PGL_INBOX = `query Inbox($orgId: UUID!) {
  allReferrals(condition: { toOrganisationId: $orgId }, orderBy: [CREATED_AT_DESC, ID_DESC], first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id status version createdAt needs
        personByPersonId { id givenName familyName }
        serviceByFromServiceId { id name }
        serviceByToServiceId { id name }
      }
    }
  }
}`;

export const body = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query, variables });
