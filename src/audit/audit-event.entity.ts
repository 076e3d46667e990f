import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

/** What the audit log records (README "What is logged"). */
export enum AuditAction {
  LOGIN = 'LOGIN',
  LOGIN_FAILED = 'LOGIN_FAILED',
  LOGOUT = 'LOGOUT',
  USER_CREATED = 'USER_CREATED',
  USER_DISABLED = 'USER_DISABLED',
  USER_ENABLED = 'USER_ENABLED',
  /** A new enrolment password: password and TOTP cleared, sessions ended. */
  USER_RESET = 'USER_RESET',
  USER_SCOPE_CHANGED = 'USER_SCOPE_CHANGED',
  /** The enrolment password was accepted and a TOTP secret shown (confirming it is a LOGIN marked `enrolled`). */
  ENROLMENT_STARTED = 'ENROLMENT_STARTED',
  TOKEN_CREATED = 'TOKEN_CREATED',
  TOKEN_REVOKED = 'TOKEN_REVOKED',
  /** One person's details were read. */
  RECORD_READ = 'RECORD_READ',
  /** A page of a roster was read (which organization, how many rows). */
  ROSTER_READ = 'ROSTER_READ',
  /** A report's suspected phantoms were read with their names (which report, how many rows). */
  REPORT_READ = 'REPORT_READ',
  RECORD_CREATED = 'RECORD_CREATED',
  RECORD_UPDATED = 'RECORD_UPDATED',
  RECORD_TRANSFERRED = 'RECORD_TRANSFERRED',
  /** A transfer to a unit the sender does not keep, sent to the receiving secretariat. */
  TRANSFER_REQUESTED = 'TRANSFER_REQUESTED',
  /** The receiving secretariat declined a transfer (its reason in audit_note). */
  TRANSFER_DECLINED = 'TRANSFER_DECLINED',
  /** The sending secretariat took back a transfer still waiting. */
  TRANSFER_CANCELLED = 'TRANSFER_CANCELLED',
  /** A unit an import created (`--create-units`): which job (`importJob`), so its undo can remove it again if unused. */
  UNIT_CREATED = 'UNIT_CREATED',
  UNIT_RENAMED = 'UNIT_RENAMED',
  MEMBERSHIP_ENDED = 'MEMBERSHIP_ENDED',
  /** A member her imported file left out, kept by her with why (`keepAbsentMembers`): the next file's list does not ask again. */
  ABSENCE_KEPT = 'ABSENCE_KEPT',
  ID_NUMBER_REVEALED = 'ID_NUMBER_REVEALED',
  IMPORT = 'IMPORT',
  /** An import rolled back (its records removed or put back). */
  IMPORT_UNDO = 'IMPORT_UNDO',
  EXPORT = 'EXPORT',
  /** A reconciliation report downloaded as a file (xlsx, pdf, json), from the console or the CLI. */
  REPORT_DOWNLOADED = 'REPORT_DOWNLOADED',
  /** A data subject's request recorded, with its deadline. */
  PERSONAL_DATA_REQUESTED = 'PERSONAL_DATA_REQUESTED',
  PERSONAL_DATA_EXPORTED = 'PERSONAL_DATA_EXPORTED',
  PERSONAL_DATA_ERASED = 'PERSONAL_DATA_ERASED',
  ERASED_PERSON_RECREATED = 'ERASED_PERSON_RECREATED',
  /** Two persons made one (`mergePersons`). A pair decided "cùng một người" before REVIEW_SAME_PERSON existed is also a MERGE. */
  MERGE = 'MERGE',
  /** Some of a person's records made another person (`splitPerson`); a pair decided "hai người" before REVIEW_TWO_PEOPLE is also a SPLIT. */
  SPLIT = 'SPLIT',
  /** A link-review pair decided "cùng một người" (`decideLink` CONFIRM), whatever it changed. */
  REVIEW_SAME_PERSON = 'REVIEW_SAME_PERSON',
  /** A link-review pair decided "hai người khác nhau" (`decideLink` REJECT), whatever it changed. */
  REVIEW_TWO_PEOPLE = 'REVIEW_TWO_PEOPLE',
  /** A pair put off ("chưa chắc, để sau") with why: nothing decided, the pair stays in the queue. */
  REVIEW_DEFERRED = 'REVIEW_DEFERRED',
  FLAG_DECISION = 'FLAG_DECISION',
  ASSOCIATION_CREATED = 'ASSOCIATION_CREATED',
  /** A reconciliation report was computed (by the schedule or on demand). */
  REPORT_COMPUTED = 'REPORT_COMPUTED',
  /** A link run started from the console (the CLI's runs are the operator's). */
  LINK_RUN_STARTED = 'LINK_RUN_STARTED',
  /** A backup of the database written (from the console or `lienthong backup`): its file's name, size, whether the key is in it. */
  BACKUP_TAKEN = 'BACKUP_TAKEN',
}

/**
 * One line of the append-only audit log. A trigger refuses UPDATE, DELETE and TRUNCATE. It holds
 * ids and figures, never names, ID numbers or free text: a reason or note lives in `audit_note`
 * (`noteId`), which an erasure can delete. (`reason` holds the text of lines written before
 * audit_note existed: a known residue, README "What is logged".)
 */
@Entity('audit_event')
@Index('ix_audit_event_at', ['at', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_kind', type: 'varchar', length: 8 })
  actorKind: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Index()
  @Column({ name: 'actor_name', type: 'varchar', length: 80 })
  actorName: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType: string | null;

  @Index()
  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ name: 'organization_code', type: 'varchar', length: 16, nullable: true })
  organizationCode: string | null;

  /** Only in lines written before audit_note existed; new lines keep their text in `audit_note`. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The line's reason or note (free text, erasable); no foreign key: deleting a note must not touch this row. */
  @Column({ name: 'note_id', type: 'bigint', nullable: true })
  noteId: string | null;

  @Column({ type: 'jsonb', default: {} })
  detail: AuditDetail;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp: string | null;
}

/** The free text of an audit line (a reason, a decision note): apart from the log, so an erasure can delete it. */
@Entity('audit_note')
export class AuditNote {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'text' })
  text: string;
}
