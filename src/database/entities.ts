import { AccessToken } from '../accounts/access-token.entity.js';
import { AppUser } from '../accounts/app-user.entity.js';
import { BackupRun } from './backup/backup-run.entity.js';
import { AuditEvent, AuditNote } from '../audit/audit-event.entity.js';
import { Resident, ResidentBatch } from '../register/resident.entity.js';
import { ImportJob, ImportRowError } from '../roster-io/import-job.entity.js';
import { RecordSuggestion } from '../roster-io/record-suggestion.entity.js';
import { ErasureTombstone, InstanceSetting } from '../personal-data/erasure-tombstone.entity.js';
import { ADMIN_UNIT_ENTITIES } from '../geography/admin-unit.entities.js';
import { MemberRecord } from '../membership/member-record/member-record.entity.js';
import { MembershipEvent } from '../membership/member-record/membership-event.entity.js';
import { Organization } from '../membership/organization/organization.entity.js';
import { Unit } from '../membership/unit/unit.entity.js';
import { TransferRequest } from '../membership/member-record/transfer-request.entity.js';
import { PersonalDataRequest } from '../membership/member-record/personal-data-request.entity.js';
import { REPORT_ENTITIES } from '../reports/report.entities.js';
import { FlagResolution, LinkReview, LinkRun, RecordFlag, RecordLink, RecordPerson } from '../linker/link.entities.js';

/** Every entity: the migrations must produce exactly this schema (checked by a test). */
export const ENTITIES = [
  ...ADMIN_UNIT_ENTITIES,
  Organization,
  Unit,
  MemberRecord,
  MembershipEvent,
  TransferRequest,
  PersonalDataRequest,
  AppUser,
  AccessToken,
  AuditEvent,
  AuditNote,
  ErasureTombstone,
  InstanceSetting,
  ImportJob,
  ImportRowError,
  RecordSuggestion,
  Resident,
  ResidentBatch,
  LinkRun,
  BackupRun,
  RecordPerson,
  RecordLink,
  LinkReview,
  RecordFlag,
  FlagResolution,
  ...REPORT_ENTITIES,
];
