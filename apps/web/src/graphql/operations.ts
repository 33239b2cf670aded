/** Every GraphQL operation of the console. Types come from `npm run codegen:web` (src/gql/), never by hand. */
import { graphql } from '../gql';

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      staff {
        id
      }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
      role
      organisation {
        id
        name
      }
      services {
        id
        name
        category
      }
    }
  }
`);

export const CountFields = graphql(`
  fragment CountFields on Count {
    value
    suppressed
    display
  }
`);

export const ReferralFields = graphql(`
  fragment ReferralFields on Referral {
    id
    status
    statusReason
    version
    route
    needs
    note
    safeguardingOverride
    safeguardingJustification
    createdAt
    updatedAt
    person {
      id
      givenName
      familyName
    }
    fromService {
      id
      name
      organisation {
        id
        name
      }
    }
    toService {
      id
      name
      category
      organisation {
        id
        name
      }
    }
    createdBy {
      id
      name
      organisation {
        id
      }
    }
    history {
      id
      from
      to
      reason
      note
      at
      by {
        id
        name
      }
    }
  }
`);

export const ReferralsQuery = graphql(`
  query Referrals($filter: ReferralFilter, $first: Int, $after: String) {
    referrals(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ReferralFields
        }
      }
    }
  }
`);

export const ReferralQuery = graphql(`
  query Referral($id: ID!) {
    referral(id: $id) {
      ...ReferralFields
    }
  }
`);

export const TransitionReferralMutation = graphql(`
  mutation TransitionReferral($input: TransitionReferralInput!) {
    transitionReferral(input: $input) {
      ...ReferralFields
    }
  }
`);

export const ServicesQuery = graphql(`
  query Services {
    services {
      id
      name
      category
      capacity
      sensitive
      ward
      organisation {
        id
        name
      }
    }
  }
`);

export const OrganisationsQuery = graphql(`
  query Organisations {
    organisations {
      id
      name
      kind
      locallyRooted
      ward
      services {
        id
        name
        category
        capacity
        sensitive
        site
        ward
      }
    }
  }
`);

export const SearchPeopleQuery = graphql(`
  query SearchPeople($text: String!, $first: Int) {
    searchPeople(text: $text, first: $first) {
      id
      givenName
      familyName
      dateOfBirth
      postcode
      registeredBy {
        id
        name
      }
    }
  }
`);

export const RegisterPersonMutation = graphql(`
  mutation RegisterPerson($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      id
    }
  }
`);

export const PersonPageQuery = graphql(`
  query PersonPage($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      dateOfBirth
      preferredLanguage
      interpreterNeeded
      postcode
      ward
      phone
      email
      nhsNumber
      equality {
        gender
        ethnicity
        disability
      }
      registeredBy {
        id
        name
      }
      createdAt
      consents {
        id
        purpose
        givenBy
        givenAt
        expiresAt
        withdrawnAt
        active
        organisations {
          id
          name
        }
        recordedBy {
          id
          name
        }
      }
    }
  }
`);

/** Separate from the person, so their details show even when the journey cannot be read. */
export const JourneyQuery = graphql(`
  query Journey($id: ID!) {
    journey(personId: $id) {
      hiddenEntries
      categories
      entries {
        at
        kind
        summary
        service {
          id
          name
          category
        }
        organisation {
          id
          name
        }
        referral {
          id
          status
        }
      }
    }
  }
`);

export const RecordConsentMutation = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      id
      active
    }
  }
`);

export const WithdrawConsentMutation = graphql(`
  mutation WithdrawConsent($consentId: ID!) {
    withdrawConsent(consentId: $consentId) {
      id
      active
      withdrawnAt
    }
  }
`);

export const MakeReferralMutation = graphql(`
  mutation MakeReferral($input: MakeReferralInput!) {
    makeReferral(input: $input) {
      id
      status
      safeguardingOverride
      toService {
        id
        name
      }
    }
  }
`);

export const PersonReferralsQuery = graphql(`
  query PersonReferrals($personId: ID!) {
    referrals(filter: { personId: $personId, direction: ALL }, first: 50) {
      edges {
        node {
          id
          status
          createdAt
          toService {
            id
            name
          }
        }
      }
    }
  }
`);

export const RecordWellbeingMutation = graphql(`
  mutation RecordWellbeing($input: RecordWellbeingInput!) {
    recordWellbeing(input: $input) {
      id
      rawScore
      metricScore
    }
  }
`);

export const RecordOutcomeMutation = graphql(`
  mutation RecordOutcome($input: RecordOutcomeInput!) {
    recordOutcome(input: $input) {
      id
    }
  }
`);

export const DashboardQuery = graphql(`
  query Dashboard($filter: AnalyticsFilter, $by: FunnelDimension!) {
    referralFlows(filter: $filter) {
      total {
        ...CountFields
      }
      cells {
        fromCategory
        toCategory
        referred {
          ...CountFields
        }
        accepted {
          ...CountFields
        }
        completed {
          ...CountFields
        }
        medianDaysToAccept
      }
    }
    referralFunnel(by: $by, filter: $filter) {
      group
      referred {
        ...CountFields
      }
      accepted {
        ...CountFields
      }
      started {
        ...CountFields
      }
      completed {
        ...CountFields
      }
    }
    pathways(filter: $filter, limit: 10) {
      steps
      people {
        ...CountFields
      }
    }
    swemwbs: wellbeingChange(instrument: SWEMWBS, filter: $filter) {
      ...WellbeingChangeFields
    }
    ons4: wellbeingChange(instrument: ONS4, filter: $filter) {
      ...WellbeingChangeFields
    }
    outcomeSummary(filter: $filter) {
      type
      contracted {
        ...CountFields
      }
      addedValue {
        ...CountFields
      }
    }
  }
`);

export const WellbeingChangeFields = graphql(`
  fragment WellbeingChangeFields on WellbeingChange {
    instrument
    pairedPeople {
      ...CountFields
    }
    items {
      item
      meanBaseline
      meanFollowUp
      meanChange
    }
    improvedMeaningfully {
      ...CountFields
    }
    warning
  }
`);

export const CreateOrganisationMutation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
    }
  }
`);

export const CreateServiceMutation = graphql(`
  mutation CreateService($input: CreateServiceInput!) {
    createService(input: $input) {
      id
    }
  }
`);

export const SetServiceCapacityMutation = graphql(`
  mutation SetServiceCapacity($serviceId: ID!, $capacity: ServiceCapacity!) {
    setServiceCapacity(serviceId: $serviceId, capacity: $capacity) {
      id
      capacity
    }
  }
`);

export const CreateStaffMutation = graphql(`
  mutation CreateStaff($input: CreateStaffInput!) {
    createStaff(input: $input) {
      id
      name
      email
      role
      active
      organisation {
        id
        name
      }
    }
  }
`);

export const StaffQuery = graphql(`
  query Staff($organisationId: ID!) {
    staff(organisationId: $organisationId) {
      id
      name
      email
      role
      active
    }
  }
`);

export const SetStaffActiveMutation = graphql(`
  mutation SetStaffActive($staffId: ID!, $active: Boolean!) {
    setStaffActive(staffId: $staffId, active: $active) {
      id
      active
    }
  }
`);

export const PersonConsentsQuery = graphql(`
  query PersonConsents($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      consents {
        id
        purpose
        active
        organisations {
          id
        }
      }
    }
  }
`);
