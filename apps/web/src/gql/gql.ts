/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      staff {\n        id\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n      role\n      organisation {\n        id\n        name\n      }\n      services {\n        id\n        name\n        category\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  fragment CountFields on Count {\n    value\n    suppressed\n    display\n  }\n": typeof types.CountFieldsFragmentDoc,
    "\n  fragment ReferralFields on Referral {\n    id\n    status\n    statusReason\n    version\n    route\n    needs\n    note\n    safeguardingOverride\n    safeguardingJustification\n    createdAt\n    updatedAt\n    person {\n      id\n      givenName\n      familyName\n    }\n    fromService {\n      id\n      name\n      organisation {\n        id\n        name\n      }\n    }\n    toService {\n      id\n      name\n      category\n      organisation {\n        id\n        name\n      }\n    }\n    createdBy {\n      id\n      name\n      organisation {\n        id\n      }\n    }\n    history {\n      id\n      from\n      to\n      reason\n      note\n      at\n      by {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ReferralFieldsFragmentDoc,
    "\n  query Referrals($filter: ReferralFilter, $first: Int, $after: String) {\n    referrals(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReferralFields\n        }\n      }\n    }\n  }\n": typeof types.ReferralsDocument,
    "\n  query Referral($id: ID!) {\n    referral(id: $id) {\n      ...ReferralFields\n    }\n  }\n": typeof types.ReferralDocument,
    "\n  mutation TransitionReferral($input: TransitionReferralInput!) {\n    transitionReferral(input: $input) {\n      ...ReferralFields\n    }\n  }\n": typeof types.TransitionReferralDocument,
    "\n  query Services {\n    services {\n      id\n      name\n      category\n      capacity\n      sensitive\n      ward\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ServicesDocument,
    "\n  query Organisations {\n    organisations {\n      id\n      name\n      kind\n      locallyRooted\n      ward\n      services {\n        id\n        name\n        category\n        capacity\n        sensitive\n        site\n        ward\n      }\n    }\n  }\n": typeof types.OrganisationsDocument,
    "\n  query SearchPeople($text: String!, $first: Int) {\n    searchPeople(text: $text, first: $first) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      postcode\n      registeredBy {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SearchPeopleDocument,
    "\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n    }\n  }\n": typeof types.RegisterPersonDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      interpreterNeeded\n      postcode\n      ward\n      phone\n      email\n      nhsNumber\n      equality {\n        gender\n        ethnicity\n        disability\n      }\n      registeredBy {\n        id\n        name\n      }\n      createdAt\n      consents {\n        id\n        purpose\n        givenBy\n        givenAt\n        expiresAt\n        withdrawnAt\n        active\n        organisations {\n          id\n          name\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query Journey($id: ID!) {\n    journey(personId: $id) {\n      hiddenEntries\n      categories\n      entries {\n        at\n        kind\n        summary\n        service {\n          id\n          name\n          category\n        }\n        organisation {\n          id\n          name\n        }\n        referral {\n          id\n          status\n        }\n      }\n    }\n  }\n": typeof types.JourneyDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n      active\n    }\n  }\n": typeof types.RecordConsentDocument,
    "\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": typeof types.WithdrawConsentDocument,
    "\n  mutation MakeReferral($input: MakeReferralInput!) {\n    makeReferral(input: $input) {\n      id\n      status\n      safeguardingOverride\n      toService {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MakeReferralDocument,
    "\n  query PersonReferrals($personId: ID!) {\n    referrals(filter: { personId: $personId, direction: ALL }, first: 50) {\n      edges {\n        node {\n          id\n          status\n          createdAt\n          toService {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonReferralsDocument,
    "\n  mutation RecordWellbeing($input: RecordWellbeingInput!) {\n    recordWellbeing(input: $input) {\n      id\n      rawScore\n      metricScore\n    }\n  }\n": typeof types.RecordWellbeingDocument,
    "\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordOutcomeDocument,
    "\n  query Dashboard($filter: AnalyticsFilter, $by: FunnelDimension!) {\n    referralFlows(filter: $filter) {\n      total {\n        ...CountFields\n      }\n      cells {\n        fromCategory\n        toCategory\n        referred {\n          ...CountFields\n        }\n        accepted {\n          ...CountFields\n        }\n        completed {\n          ...CountFields\n        }\n        medianDaysToAccept\n      }\n    }\n    referralFunnel(by: $by, filter: $filter) {\n      group\n      referred {\n        ...CountFields\n      }\n      accepted {\n        ...CountFields\n      }\n      started {\n        ...CountFields\n      }\n      completed {\n        ...CountFields\n      }\n    }\n    pathways(filter: $filter, limit: 10) {\n      steps\n      people {\n        ...CountFields\n      }\n    }\n    swemwbs: wellbeingChange(instrument: SWEMWBS, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    ons4: wellbeingChange(instrument: ONS4, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    outcomeSummary(filter: $filter) {\n      type\n      contracted {\n        ...CountFields\n      }\n      addedValue {\n        ...CountFields\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  fragment WellbeingChangeFields on WellbeingChange {\n    instrument\n    pairedPeople {\n      ...CountFields\n    }\n    items {\n      item\n      meanBaseline\n      meanFollowUp\n      meanChange\n    }\n    improvedMeaningfully {\n      ...CountFields\n    }\n    warning\n  }\n": typeof types.WellbeingChangeFieldsFragmentDoc,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateOrganisationDocument,
    "\n  mutation CreateService($input: CreateServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateServiceDocument,
    "\n  mutation SetServiceCapacity($serviceId: ID!, $capacity: ServiceCapacity!) {\n    setServiceCapacity(serviceId: $serviceId, capacity: $capacity) {\n      id\n      capacity\n    }\n  }\n": typeof types.SetServiceCapacityDocument,
    "\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      id\n      name\n      email\n      role\n      active\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateStaffDocument,
    "\n  query Staff($organisationId: ID!) {\n    staff(organisationId: $organisationId) {\n      id\n      name\n      email\n      role\n      active\n    }\n  }\n": typeof types.StaffDocument,
    "\n  mutation SetStaffActive($staffId: ID!, $active: Boolean!) {\n    setStaffActive(staffId: $staffId, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetStaffActiveDocument,
    "\n  query PersonConsents($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        active\n        organisations {\n          id\n        }\n      }\n    }\n  }\n": typeof types.PersonConsentsDocument,
};
const documents: Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      staff {\n        id\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n      role\n      organisation {\n        id\n        name\n      }\n      services {\n        id\n        name\n        category\n      }\n    }\n  }\n": types.MeDocument,
    "\n  fragment CountFields on Count {\n    value\n    suppressed\n    display\n  }\n": types.CountFieldsFragmentDoc,
    "\n  fragment ReferralFields on Referral {\n    id\n    status\n    statusReason\n    version\n    route\n    needs\n    note\n    safeguardingOverride\n    safeguardingJustification\n    createdAt\n    updatedAt\n    person {\n      id\n      givenName\n      familyName\n    }\n    fromService {\n      id\n      name\n      organisation {\n        id\n        name\n      }\n    }\n    toService {\n      id\n      name\n      category\n      organisation {\n        id\n        name\n      }\n    }\n    createdBy {\n      id\n      name\n      organisation {\n        id\n      }\n    }\n    history {\n      id\n      from\n      to\n      reason\n      note\n      at\n      by {\n        id\n        name\n      }\n    }\n  }\n": types.ReferralFieldsFragmentDoc,
    "\n  query Referrals($filter: ReferralFilter, $first: Int, $after: String) {\n    referrals(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReferralFields\n        }\n      }\n    }\n  }\n": types.ReferralsDocument,
    "\n  query Referral($id: ID!) {\n    referral(id: $id) {\n      ...ReferralFields\n    }\n  }\n": types.ReferralDocument,
    "\n  mutation TransitionReferral($input: TransitionReferralInput!) {\n    transitionReferral(input: $input) {\n      ...ReferralFields\n    }\n  }\n": types.TransitionReferralDocument,
    "\n  query Services {\n    services {\n      id\n      name\n      category\n      capacity\n      sensitive\n      ward\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": types.ServicesDocument,
    "\n  query Organisations {\n    organisations {\n      id\n      name\n      kind\n      locallyRooted\n      ward\n      services {\n        id\n        name\n        category\n        capacity\n        sensitive\n        site\n        ward\n      }\n    }\n  }\n": types.OrganisationsDocument,
    "\n  query SearchPeople($text: String!, $first: Int) {\n    searchPeople(text: $text, first: $first) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      postcode\n      registeredBy {\n        id\n        name\n      }\n    }\n  }\n": types.SearchPeopleDocument,
    "\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n    }\n  }\n": types.RegisterPersonDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      interpreterNeeded\n      postcode\n      ward\n      phone\n      email\n      nhsNumber\n      equality {\n        gender\n        ethnicity\n        disability\n      }\n      registeredBy {\n        id\n        name\n      }\n      createdAt\n      consents {\n        id\n        purpose\n        givenBy\n        givenAt\n        expiresAt\n        withdrawnAt\n        active\n        organisations {\n          id\n          name\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PersonPageDocument,
    "\n  query Journey($id: ID!) {\n    journey(personId: $id) {\n      hiddenEntries\n      categories\n      entries {\n        at\n        kind\n        summary\n        service {\n          id\n          name\n          category\n        }\n        organisation {\n          id\n          name\n        }\n        referral {\n          id\n          status\n        }\n      }\n    }\n  }\n": types.JourneyDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n      active\n    }\n  }\n": types.RecordConsentDocument,
    "\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": types.WithdrawConsentDocument,
    "\n  mutation MakeReferral($input: MakeReferralInput!) {\n    makeReferral(input: $input) {\n      id\n      status\n      safeguardingOverride\n      toService {\n        id\n        name\n      }\n    }\n  }\n": types.MakeReferralDocument,
    "\n  query PersonReferrals($personId: ID!) {\n    referrals(filter: { personId: $personId, direction: ALL }, first: 50) {\n      edges {\n        node {\n          id\n          status\n          createdAt\n          toService {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.PersonReferralsDocument,
    "\n  mutation RecordWellbeing($input: RecordWellbeingInput!) {\n    recordWellbeing(input: $input) {\n      id\n      rawScore\n      metricScore\n    }\n  }\n": types.RecordWellbeingDocument,
    "\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      id\n    }\n  }\n": types.RecordOutcomeDocument,
    "\n  query Dashboard($filter: AnalyticsFilter, $by: FunnelDimension!) {\n    referralFlows(filter: $filter) {\n      total {\n        ...CountFields\n      }\n      cells {\n        fromCategory\n        toCategory\n        referred {\n          ...CountFields\n        }\n        accepted {\n          ...CountFields\n        }\n        completed {\n          ...CountFields\n        }\n        medianDaysToAccept\n      }\n    }\n    referralFunnel(by: $by, filter: $filter) {\n      group\n      referred {\n        ...CountFields\n      }\n      accepted {\n        ...CountFields\n      }\n      started {\n        ...CountFields\n      }\n      completed {\n        ...CountFields\n      }\n    }\n    pathways(filter: $filter, limit: 10) {\n      steps\n      people {\n        ...CountFields\n      }\n    }\n    swemwbs: wellbeingChange(instrument: SWEMWBS, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    ons4: wellbeingChange(instrument: ONS4, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    outcomeSummary(filter: $filter) {\n      type\n      contracted {\n        ...CountFields\n      }\n      addedValue {\n        ...CountFields\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  fragment WellbeingChangeFields on WellbeingChange {\n    instrument\n    pairedPeople {\n      ...CountFields\n    }\n    items {\n      item\n      meanBaseline\n      meanFollowUp\n      meanChange\n    }\n    improvedMeaningfully {\n      ...CountFields\n    }\n    warning\n  }\n": types.WellbeingChangeFieldsFragmentDoc,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n    }\n  }\n": types.CreateOrganisationDocument,
    "\n  mutation CreateService($input: CreateServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n": types.CreateServiceDocument,
    "\n  mutation SetServiceCapacity($serviceId: ID!, $capacity: ServiceCapacity!) {\n    setServiceCapacity(serviceId: $serviceId, capacity: $capacity) {\n      id\n      capacity\n    }\n  }\n": types.SetServiceCapacityDocument,
    "\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      id\n      name\n      email\n      role\n      active\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": types.CreateStaffDocument,
    "\n  query Staff($organisationId: ID!) {\n    staff(organisationId: $organisationId) {\n      id\n      name\n      email\n      role\n      active\n    }\n  }\n": types.StaffDocument,
    "\n  mutation SetStaffActive($staffId: ID!, $active: Boolean!) {\n    setStaffActive(staffId: $staffId, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetStaffActiveDocument,
    "\n  query PersonConsents($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        active\n        organisations {\n          id\n        }\n      }\n    }\n  }\n": types.PersonConsentsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      staff {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      staff {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      email\n      role\n      organisation {\n        id\n        name\n      }\n      services {\n        id\n        name\n        category\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      email\n      role\n      organisation {\n        id\n        name\n      }\n      services {\n        id\n        name\n        category\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CountFields on Count {\n    value\n    suppressed\n    display\n  }\n"): (typeof documents)["\n  fragment CountFields on Count {\n    value\n    suppressed\n    display\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferralFields on Referral {\n    id\n    status\n    statusReason\n    version\n    route\n    needs\n    note\n    safeguardingOverride\n    safeguardingJustification\n    createdAt\n    updatedAt\n    person {\n      id\n      givenName\n      familyName\n    }\n    fromService {\n      id\n      name\n      organisation {\n        id\n        name\n      }\n    }\n    toService {\n      id\n      name\n      category\n      organisation {\n        id\n        name\n      }\n    }\n    createdBy {\n      id\n      name\n      organisation {\n        id\n      }\n    }\n    history {\n      id\n      from\n      to\n      reason\n      note\n      at\n      by {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ReferralFields on Referral {\n    id\n    status\n    statusReason\n    version\n    route\n    needs\n    note\n    safeguardingOverride\n    safeguardingJustification\n    createdAt\n    updatedAt\n    person {\n      id\n      givenName\n      familyName\n    }\n    fromService {\n      id\n      name\n      organisation {\n        id\n        name\n      }\n    }\n    toService {\n      id\n      name\n      category\n      organisation {\n        id\n        name\n      }\n    }\n    createdBy {\n      id\n      name\n      organisation {\n        id\n      }\n    }\n    history {\n      id\n      from\n      to\n      reason\n      note\n      at\n      by {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referrals($filter: ReferralFilter, $first: Int, $after: String) {\n    referrals(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReferralFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Referrals($filter: ReferralFilter, $first: Int, $after: String) {\n    referrals(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ReferralFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referral($id: ID!) {\n    referral(id: $id) {\n      ...ReferralFields\n    }\n  }\n"): (typeof documents)["\n  query Referral($id: ID!) {\n    referral(id: $id) {\n      ...ReferralFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransitionReferral($input: TransitionReferralInput!) {\n    transitionReferral(input: $input) {\n      ...ReferralFields\n    }\n  }\n"): (typeof documents)["\n  mutation TransitionReferral($input: TransitionReferralInput!) {\n    transitionReferral(input: $input) {\n      ...ReferralFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Services {\n    services {\n      id\n      name\n      category\n      capacity\n      sensitive\n      ward\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Services {\n    services {\n      id\n      name\n      category\n      capacity\n      sensitive\n      ward\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organisations {\n    organisations {\n      id\n      name\n      kind\n      locallyRooted\n      ward\n      services {\n        id\n        name\n        category\n        capacity\n        sensitive\n        site\n        ward\n      }\n    }\n  }\n"): (typeof documents)["\n  query Organisations {\n    organisations {\n      id\n      name\n      kind\n      locallyRooted\n      ward\n      services {\n        id\n        name\n        category\n        capacity\n        sensitive\n        site\n        ward\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchPeople($text: String!, $first: Int) {\n    searchPeople(text: $text, first: $first) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      postcode\n      registeredBy {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchPeople($text: String!, $first: Int) {\n    searchPeople(text: $text, first: $first) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      postcode\n      registeredBy {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      interpreterNeeded\n      postcode\n      ward\n      phone\n      email\n      nhsNumber\n      equality {\n        gender\n        ethnicity\n        disability\n      }\n      registeredBy {\n        id\n        name\n      }\n      createdAt\n      consents {\n        id\n        purpose\n        givenBy\n        givenAt\n        expiresAt\n        withdrawnAt\n        active\n        organisations {\n          id\n          name\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      interpreterNeeded\n      postcode\n      ward\n      phone\n      email\n      nhsNumber\n      equality {\n        gender\n        ethnicity\n        disability\n      }\n      registeredBy {\n        id\n        name\n      }\n      createdAt\n      consents {\n        id\n        purpose\n        givenBy\n        givenAt\n        expiresAt\n        withdrawnAt\n        active\n        organisations {\n          id\n          name\n        }\n        recordedBy {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Journey($id: ID!) {\n    journey(personId: $id) {\n      hiddenEntries\n      categories\n      entries {\n        at\n        kind\n        summary\n        service {\n          id\n          name\n          category\n        }\n        organisation {\n          id\n          name\n        }\n        referral {\n          id\n          status\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Journey($id: ID!) {\n    journey(personId: $id) {\n      hiddenEntries\n      categories\n      entries {\n        at\n        kind\n        summary\n        service {\n          id\n          name\n          category\n        }\n        organisation {\n          id\n          name\n        }\n        referral {\n          id\n          status\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MakeReferral($input: MakeReferralInput!) {\n    makeReferral(input: $input) {\n      id\n      status\n      safeguardingOverride\n      toService {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MakeReferral($input: MakeReferralInput!) {\n    makeReferral(input: $input) {\n      id\n      status\n      safeguardingOverride\n      toService {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonReferrals($personId: ID!) {\n    referrals(filter: { personId: $personId, direction: ALL }, first: 50) {\n      edges {\n        node {\n          id\n          status\n          createdAt\n          toService {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonReferrals($personId: ID!) {\n    referrals(filter: { personId: $personId, direction: ALL }, first: 50) {\n      edges {\n        node {\n          id\n          status\n          createdAt\n          toService {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordWellbeing($input: RecordWellbeingInput!) {\n    recordWellbeing(input: $input) {\n      id\n      rawScore\n      metricScore\n    }\n  }\n"): (typeof documents)["\n  mutation RecordWellbeing($input: RecordWellbeingInput!) {\n    recordWellbeing(input: $input) {\n      id\n      rawScore\n      metricScore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($filter: AnalyticsFilter, $by: FunnelDimension!) {\n    referralFlows(filter: $filter) {\n      total {\n        ...CountFields\n      }\n      cells {\n        fromCategory\n        toCategory\n        referred {\n          ...CountFields\n        }\n        accepted {\n          ...CountFields\n        }\n        completed {\n          ...CountFields\n        }\n        medianDaysToAccept\n      }\n    }\n    referralFunnel(by: $by, filter: $filter) {\n      group\n      referred {\n        ...CountFields\n      }\n      accepted {\n        ...CountFields\n      }\n      started {\n        ...CountFields\n      }\n      completed {\n        ...CountFields\n      }\n    }\n    pathways(filter: $filter, limit: 10) {\n      steps\n      people {\n        ...CountFields\n      }\n    }\n    swemwbs: wellbeingChange(instrument: SWEMWBS, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    ons4: wellbeingChange(instrument: ONS4, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    outcomeSummary(filter: $filter) {\n      type\n      contracted {\n        ...CountFields\n      }\n      addedValue {\n        ...CountFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($filter: AnalyticsFilter, $by: FunnelDimension!) {\n    referralFlows(filter: $filter) {\n      total {\n        ...CountFields\n      }\n      cells {\n        fromCategory\n        toCategory\n        referred {\n          ...CountFields\n        }\n        accepted {\n          ...CountFields\n        }\n        completed {\n          ...CountFields\n        }\n        medianDaysToAccept\n      }\n    }\n    referralFunnel(by: $by, filter: $filter) {\n      group\n      referred {\n        ...CountFields\n      }\n      accepted {\n        ...CountFields\n      }\n      started {\n        ...CountFields\n      }\n      completed {\n        ...CountFields\n      }\n    }\n    pathways(filter: $filter, limit: 10) {\n      steps\n      people {\n        ...CountFields\n      }\n    }\n    swemwbs: wellbeingChange(instrument: SWEMWBS, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    ons4: wellbeingChange(instrument: ONS4, filter: $filter) {\n      ...WellbeingChangeFields\n    }\n    outcomeSummary(filter: $filter) {\n      type\n      contracted {\n        ...CountFields\n      }\n      addedValue {\n        ...CountFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WellbeingChangeFields on WellbeingChange {\n    instrument\n    pairedPeople {\n      ...CountFields\n    }\n    items {\n      item\n      meanBaseline\n      meanFollowUp\n      meanChange\n    }\n    improvedMeaningfully {\n      ...CountFields\n    }\n    warning\n  }\n"): (typeof documents)["\n  fragment WellbeingChangeFields on WellbeingChange {\n    instrument\n    pairedPeople {\n      ...CountFields\n    }\n    items {\n      item\n      meanBaseline\n      meanFollowUp\n      meanChange\n    }\n    improvedMeaningfully {\n      ...CountFields\n    }\n    warning\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateService($input: CreateServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateService($input: CreateServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetServiceCapacity($serviceId: ID!, $capacity: ServiceCapacity!) {\n    setServiceCapacity(serviceId: $serviceId, capacity: $capacity) {\n      id\n      capacity\n    }\n  }\n"): (typeof documents)["\n  mutation SetServiceCapacity($serviceId: ID!, $capacity: ServiceCapacity!) {\n    setServiceCapacity(serviceId: $serviceId, capacity: $capacity) {\n      id\n      capacity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      id\n      name\n      email\n      role\n      active\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      id\n      name\n      email\n      role\n      active\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Staff($organisationId: ID!) {\n    staff(organisationId: $organisationId) {\n      id\n      name\n      email\n      role\n      active\n    }\n  }\n"): (typeof documents)["\n  query Staff($organisationId: ID!) {\n    staff(organisationId: $organisationId) {\n      id\n      name\n      email\n      role\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStaffActive($staffId: ID!, $active: Boolean!) {\n    setStaffActive(staffId: $staffId, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetStaffActive($staffId: ID!, $active: Boolean!) {\n    setStaffActive(staffId: $staffId, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonConsents($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        active\n        organisations {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonConsents($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        active\n        organisations {\n          id\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;