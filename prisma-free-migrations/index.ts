import { Directory1764201600001 } from './0001-directory.js';
import { PeopleAndConsent1764201600002 } from './0002-people-and-consent.js';
import { Referrals1764201600003 } from './0003-referrals.js';
import { Audit1764201600004 } from './0004-audit.js';
import { Outcomes1764201600005 } from './0005-outcomes.js';
import { LoginFailuresPruning1764201600006 } from './0006-login-failures-pruning.js';
import { StaffTokenGeneration1764201600007 } from './0007-staff-token-generation.js';
import { OutcomeHoursPrecision1764201600020 } from './0020-outcome-hours-precision.js';
import { AnalyticsIndexes1764201600030 } from './0030-analytics-indexes.js';
import { ReferralAgeBand1764201600031 } from './0031-referral-age-band.js';
import { PersonPathways1764201600032 } from './0032-person-pathways.js';
import { ReferralPersonGroups1764201600033 } from './0033-referral-person-groups.js';
import { PersonWardPathways1764201600035 } from './0035-person-ward-pathways.js';
import { InboxCountCovering1764201600050 } from './0050-inbox-count-covering.js';
import { ReferralCounts1764201600052 } from './0052-referral-counts.js';
import { AnalyticsReferralGroups1764201600060 } from './0060-analytics-referral-groups.js';
import { PersonPathwaysRaces1764201600061 } from './0061-person-pathways-races.js';
import { PersonPathwaysKey1764201600062 } from './0062-person-pathways-key.js';
import { AuditWithoutForeignKeys1764201600063 } from './0063-audit-without-foreign-keys.js';
import { TimeOrderedLogIds1764201600064 } from './0064-time-ordered-log-ids.js';
import { WellbeingPairs1764201600065 } from './0065-wellbeing-pairs.js';
import { InlinedAgeBand1764201600066 } from './0066-inlined-age-band.js';
import { ReferralGroupsRebuildInOnePass1764201600067 } from './0067-referral-groups-rebuild-in-one-pass.js';
import { PersonPathwaysKeyIndex1764201600068 } from './0068-person-pathways-key-index.js';
import { InstanceFacts1764201600069 } from './0069-instance-facts.js';
import { StaffEmailFolded1764201600070 } from './0070-staff-email-folded.js';
import { PeopleSearchFolded1764201600071 } from './0071-people-search-folded.js';
import { RepairNeverWaits1764201600072 } from './0072-repair-never-waits.js';
import { ReferralCreatedInMilliseconds1764201600073 } from './0073-referral-created-in-milliseconds.js';
import { OutcomeGroups1764201600074 } from './0074-outcome-groups.js';

/** Every migration, in order. Listed explicitly (no globs) so tsc, jest and bundlers agree. Never edit one that has landed. */
export const MIGRATIONS = [
  Directory1764201600001,
  PeopleAndConsent1764201600002,
  Referrals1764201600003,
  Audit1764201600004,
  Outcomes1764201600005,
  LoginFailuresPruning1764201600006,
  StaffTokenGeneration1764201600007,
  OutcomeHoursPrecision1764201600020,
  AnalyticsIndexes1764201600030,
  ReferralAgeBand1764201600031,
  PersonPathways1764201600032,
  ReferralPersonGroups1764201600033,
  PersonWardPathways1764201600035,
  InboxCountCovering1764201600050,
  ReferralCounts1764201600052,
  AnalyticsReferralGroups1764201600060,
  PersonPathwaysRaces1764201600061,
  PersonPathwaysKey1764201600062,
  AuditWithoutForeignKeys1764201600063,
  TimeOrderedLogIds1764201600064,
  WellbeingPairs1764201600065,
  InlinedAgeBand1764201600066,
  ReferralGroupsRebuildInOnePass1764201600067,
  PersonPathwaysKeyIndex1764201600068,
  InstanceFacts1764201600069,
  StaffEmailFolded1764201600070,
  PeopleSearchFolded1764201600071,
  RepairNeverWaits1764201600072,
  ReferralCreatedInMilliseconds1764201600073,
  OutcomeGroups1764201600074,
];
