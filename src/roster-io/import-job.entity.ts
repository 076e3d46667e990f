import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ImportJobStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  /** Rolled back by its secretariat (import-undo.service.ts): what it created removed, what it changed put back. */
  UNDONE = 'UNDONE',
  /** Planned only (`?preview=true`, the console): waits for `confirmImport`. */
  PREVIEW = 'PREVIEW',
  /** Planned, not applied: most rows break the organization's rules (the wrong organization?); waits for a confirmation with a reason. */
  NEEDS_CONFIRMATION = 'NEEDS_CONFIRMATION',
}

/**
 * One import of one roster file. Each batch commits with the job's counters and the last row it
 * covers, so a killed import resumes after its last committed batch and no row is written twice.
 */
@Entity('import_job')
@Index('ix_import_job_resume', ['organizationCode', 'sourceSha256', 'status'])
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_code', type: 'varchar', length: 16 })
  organizationCode: string;

  @Column({ name: 'source_name', type: 'text' })
  sourceName: string;

  @Column({ name: 'source_sha256', type: 'varchar', length: 64 })
  sourceSha256: string;

  @Column({ type: 'varchar', length: 20 })
  status: ImportJobStatus;

  @Column({ type: 'jsonb', default: {} })
  options: Record<string, string | boolean | null>;

  /** Data rows (all sheets, in file order) whose batch is committed. */
  @Column({ name: 'rows_committed', type: 'integer', default: 0 })
  rowsCommitted: number;

  @Column({ type: 'integer', default: 0 }) created: number;
  @Column({ type: 'integer', default: 0 }) updated: number;
  @Column({ type: 'integer', default: 0 }) unchanged: number;
  @Column({ type: 'integer', default: 0 }) rejected: number;
  /** Rows written with warnings kept on their records (issue 16). */
  @Column({ type: 'integer', default: 0 }) warned: number;
  /** Rows without their own code held for a decision (a doubtful match): not written (issue 17). */
  @Column({ type: 'integer', default: 0 }) held: number;

  /** The plan's counts by fate, her columns' mapping and the share of rows the organization's rules refuse (null: not planned yet). */
  @Column({ type: 'jsonb', nullable: true })
  plan: JobPlan | null;

  /** Why a file most of whose rows break the organization's rules was imported anyway (confirmed by the secretariat). */
  @Column({ name: 'accepted_ineligible', type: 'text', nullable: true })
  acceptedIneligible: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 80 })
  actorName: string;

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  /** The unit subtree of the account that started the job (null: the whole organization); who may read it. */
  @Column({ name: 'unit_path', type: 'text', nullable: true })
  unitPath: string | null;

  /** Stopped half-way (its process ended): the same file, imported again in the same scope, resumes it. */
  @Column({ type: 'boolean', default: false })
  interrupted: boolean;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Who undid the import (status UNDONE), when and why (issue 17: import-undo.service.ts). */
  @Column({ name: 'undone_at', type: 'timestamptz', nullable: true })
  undoneAt: Date | null;

  @Column({ name: 'undone_by', type: 'varchar', length: 80, nullable: true })
  undoneBy: string | null;

  @Column({ name: 'undo_reason', type: 'text', nullable: true })
  undoReason: string | null;
}

/** What a job's plan says, kept on the job (the preview's head). */
export interface JobPlan {
  /** Rows by fate (CREATED, UPDATED, UNCHANGED, HELD, REFUSED), and SKIPPED lines. */
  counts: Record<string, number>;
  /** Of those written, the rows with a warning, as the result counts them (absent on plans made before it was kept). */
  warned?: number;
  /** Her header → our field, as the file was read (or as the secretary corrected it). */
  mapping: { header: string; field: string }[];
  /** Set when more than 80% of the rows break the organization's rules: the file waits for a confirmation. */
  wrongOrganization: string | null;
  /** The preview planned units to create (`--create-units`): the confirmation plans again, creating them. */
  unitsPlanned: boolean;
  /** Her columns read as nothing (absent on plans made before it was kept). */
  unusedColumns?: string[];
  /** Her columns read as her secretariat corrected the same headers in an earlier import (a console preview). */
  remembered?: string[];
  /**
   * Her columns read otherwise than the file alone would be (her correction, or one remembered): what a later import remembers —
   * not the reading of a header that depends on the file's other columns (a Quê quán read as her address where nothing else says it).
   */
  corrected?: string[];
  /** A CSV's delimiter when it was `;` (her side files are written with it). */
  delimiter?: ',' | ';';
  /** Member rows that will land with no unit (absent on plans made before it was kept). */
  withoutUnit?: number;
  /** Heading lines among her members naming their chi hội (absent on plans made before it was kept). */
  sectionHeadings?: number;
  /** What the reading says of a sheet (skipped without a header, a second table not read), in Vietnamese. */
  sheetNotes?: SheetNote[];
  /** The names of the units it creates (`--create-units`; a preview's: those its confirmation will create). */
  unitsCreated?: string[];
  /** The same by the id a preview gave each (rolled back: no unit has it), to name a row's new unit; absent on plans made before it was kept. */
  unitsCreatedById?: Record<string, string>;
}

/** What the reading says of one sheet (its name: null for a CSV). */
export interface SheetNote {
  sheet: string | null;
  note: string;
}

/** What became of a row of an import whose codes were assigned (the result file's `Kết quả`). */
export type RowOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'SKIPPED' | 'REJECTED' | 'HELD';

/**
 * One bad row of an import (or, for an import whose codes were assigned, any row, with its
 * outcome): where (sheet, spreadsheet row, column) in clear; what the row says, the bad value and
 * the message sealed with the instance key (`sealed`, see personal-data/rejected-rows.ts), and her
 * row as her file had it (`source`), opened only for a caller whose scope covers the row. Kept with
 * the keyed hashes an erasure finds it by, and deleted after 30 days.
 */
@Entity('import_row_error')
@Index('ix_import_row_error_job', ['jobId', 'ordinal'])
@Index('ix_import_row_error_person_keys', { synchronize: false })
export class ImportRowError {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId: string;

  /** Position among the data rows, for ordering. */
  @Column({ type: 'integer' })
  ordinal: number;

  @Column({ type: 'text', nullable: true })
  sheet: string | null;

  @Column({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  @Column({ name: 'column_name', type: 'text', nullable: true })
  columnName: string | null;

  /** The row's cells as read, the bad value and the message, sealed (AES-256-GCM). */
  @Column({ type: 'bytea' })
  sealed: Buffer;

  /** Her header and cells as her file had them, sealed (null: a row stored before they were kept). */
  @Column({ type: 'bytea', nullable: true })
  source: Buffer | null;

  /** Null: a rejected row of an import with its own codes (in the error file only); else the row's line in the result file. */
  @Column({ type: 'varchar', length: 9, nullable: true })
  outcome: RowOutcome | null;

  /** Keyed hashes of the row's ID number, name + birth date and Mã hồ sơ (GIN-indexed): what erasure looks for. */
  @Column({ name: 'person_keys', type: 'bytea', array: true, default: () => "'{}'" })
  personKeys: Buffer[];

  /** The unit subtree the row belongs to (null: the whole organization): who may open it. */
  @Column({ name: 'unit_path', type: 'text', nullable: true })
  unitPath: string | null;

  @Index('ix_import_row_error_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
