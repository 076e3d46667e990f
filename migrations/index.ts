import { InitialSchema1763700000000 } from './1763700000000-initial-schema.js';
import { AdminUnits1763700000001 } from './1763700000001-admin-units.js';
import { BuiltInOrganizations1763700000002 } from './1763700000002-built-in-organizations.js';
import { AccessAndPersonalData1763700000003 } from './1763700000003-access-and-personal-data.js';
import { ImportJobs1763700000004 } from './1763700000004-import-jobs.js';
import { Residents1763700000005 } from './1763700000005-residents.js';
import { ImportDigest1763700000006 } from './1763700000006-import-digest.js';
import { Linker1763700000007 } from './1763700000007-linker.js';
import { LinkReview1763700000008 } from './1763700000008-link-review.js';
import { PhantomFlags1763700000009 } from './1763700000009-phantom-flags.js';
import { Reports1763700000010 } from './1763700000010-reports.js';
import { ImportJobScope1763700000011 } from './1763700000011-import-job-scope.js';
import { AuditHashChain1763700000013 } from './1763700000013-audit-hash-chain.js';
import { SealedRejectedRows1763700000014 } from './1763700000014-sealed-rejected-rows.js';
import { LoginThrottle1763700000015 } from './1763700000015-login-throttle.js';
import { ProvisionalReports1763700000016 } from './1763700000016-provisional-reports.js';
import { JoinDatePrecision1763700000018 } from './1763700000018-join-date-precision.js';
import { DatePrecisions1763700000019 } from './1763700000019-date-precisions.js';
import { SuggestionDecisions1763700000020 } from './1763700000020-suggestion-decisions.js';
import { ImportWarningsAndSuggestions1763700000017 } from './1763700000017-import-warnings-and-suggestions.js';
import { ImportRowOutcomes1763700000021 } from './1763700000021-import-row-outcomes.js';
import { RaisedFlagsInLinkStore1763700000022 } from './1763700000022-raised-flags-in-link-store.js';
import { StagedImport1763700000023 } from './1763700000023-staged-import.js';
import { ImportUndo1763700000025 } from './1763700000025-import-undo.js';
import { TimeOrderedKeys1763700000026 } from './1763700000026-time-ordered-keys.js';
import { PrincipalNotifications1763700000028 } from './1763700000028-principal-notifications.js';
import { PersonFigures1763700000029 } from './1763700000029-person-figures.js';
import { FigureNotifications1763700000030 } from './1763700000030-figure-notifications.js';
import { NameWordIndex1763700000031 } from './1763700000031-name-word-index.js';
import { RosterWalkIndexes1763700000034 } from './1763700000034-roster-walk-indexes.js';
import { PeriodStatusLookups1763700000035 } from './1763700000035-period-status-lookups.js';
import { Enrolment1763700000036 } from './1763700000036-enrolment.js';
import { TransferRequests1763700000037 } from './1763700000037-transfer-requests.js';
import { PersonalDataRequests1763700000038 } from './1763700000038-personal-data-requests.js';
import { FlagRaisedAt1763700000039 } from './1763700000039-flag-raised-at.js';
import { ReviewLinksIndex1763700000040 } from './1763700000040-review-links-index.js';
import { CodePartIndex1763700000041 } from './1763700000041-code-part-index.js';
import { BackupsAndRunStarters1763700000042 } from './1763700000042-backups-and-run-starters.js';
import { UndoDigests1763700000044 } from './1763700000044-undo-digests.js';
import { MemberVillage1763700000045 } from './1763700000045-member-village.js';
import { ImportDigestKept1763700000046 } from './1763700000046-import-digest-kept.js';
import { AbsenceKept1763700000047 } from './1763700000047-absence-kept.js';
import { ReportVersions1763700000048 } from './1763700000048-report-versions.js';
import { AttentionKept1763700000049 } from './1763700000049-attention-kept.js';
import { DeathElsewhereAndErasedIndexes1763700000050 } from './1763700000050-death-elsewhere-and-erased-indexes.js';
import { VoidedEndings1763700000051 } from './1763700000051-voided-endings.js';
import { TokenEndedWhy1763700000052 } from './1763700000052-token-ended-why.js';
import { PersonUnits1763700000053 } from './1763700000053-person-units.js';
import { PlanRowsToLook1763700000054 } from './1763700000054-plan-rows-to-look.js';
import { ReadOnlyTokens1763700000055 } from './1763700000055-read-only-tokens.js';
import { TombstoneOrganizations1763700000056 } from './1763700000056-tombstone-organizations.js';
import { PhoneTailIndex1763700000057 } from './1763700000057-phone-tail-index.js';
import { ReportRowStruck1763700000058 } from './1763700000058-report-row-struck.js';
import { FlagResolutionImportJob1763700000059 } from './1763700000059-flag-resolution-import-job.js';
import { PlanRowsWithoutJobKey1763700000043 } from './1763700000043-plan-rows-without-job-key.js';

/** Every migration, in order. A new one is added here and committed with its entity change. */
export const MIGRATIONS = [
  InitialSchema1763700000000,
  AdminUnits1763700000001,
  BuiltInOrganizations1763700000002,
  AccessAndPersonalData1763700000003,
  ImportJobs1763700000004,
  Residents1763700000005,
  ImportDigest1763700000006,
  Linker1763700000007,
  LinkReview1763700000008,
  PhantomFlags1763700000009,
  Reports1763700000010,
  ImportJobScope1763700000011,
  AuditHashChain1763700000013,
  SealedRejectedRows1763700000014,
  LoginThrottle1763700000015,
  ProvisionalReports1763700000016,
  ImportWarningsAndSuggestions1763700000017,
  JoinDatePrecision1763700000018,
  DatePrecisions1763700000019,
  SuggestionDecisions1763700000020,
  ImportRowOutcomes1763700000021,
  RaisedFlagsInLinkStore1763700000022,
  StagedImport1763700000023,
  ImportUndo1763700000025,
  TimeOrderedKeys1763700000026,
  PrincipalNotifications1763700000028,
  PersonFigures1763700000029,
  FigureNotifications1763700000030,
  NameWordIndex1763700000031,
  RosterWalkIndexes1763700000034,
  PeriodStatusLookups1763700000035,
  Enrolment1763700000036,
  TransferRequests1763700000037,
  PersonalDataRequests1763700000038,
  FlagRaisedAt1763700000039,
  ReviewLinksIndex1763700000040,
  CodePartIndex1763700000041,
  BackupsAndRunStarters1763700000042,
  PlanRowsWithoutJobKey1763700000043,
  UndoDigests1763700000044,
  MemberVillage1763700000045,
  ImportDigestKept1763700000046,
  AbsenceKept1763700000047,
  ReportVersions1763700000048,
  AttentionKept1763700000049,
  DeathElsewhereAndErasedIndexes1763700000050,
  VoidedEndings1763700000051,
  TokenEndedWhy1763700000052,
  PersonUnits1763700000053,
  PlanRowsToLook1763700000054,
  ReadOnlyTokens1763700000055,
  TombstoneOrganizations1763700000056,
  PhoneTailIndex1763700000057,
  ReportRowStruck1763700000058,
  FlagResolutionImportJob1763700000059,
];
