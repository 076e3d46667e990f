import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Contribution } from './model/model.js';

/** One run of the linker over the whole database, with what it found and the model it used. */
@Entity('link_run')
export class LinkRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** RUNNING, DONE or FAILED. */
  @Column({ type: 'varchar', length: 8 })
  status: string;

  @Column({ type: 'jsonb', default: {} })
  summary: Record<string, unknown>;

  /** Who started it: USER, SERVICE, CLI or SCHEDULE (the server on its own); null for runs before this was kept, and tests. */
  @Column({ name: 'started_by_kind', type: 'varchar', length: 8, nullable: true })
  startedByKind: string | null;

  /** Username, token name or `cli:<os user>`, as the audit log names them. */
  @Column({ name: 'started_by', type: 'varchar', length: 80, nullable: true })
  startedBy: string | null;
}

/**
 * Which person each member record belongs to, as the last linker run decided (one row per linked
 * record). Written wholesale by each run, so no foreign key: its check would cost a lookup per row
 * (≈ 10 s a million), and member records are never deleted, only erased.
 */
@Entity('record_person')
export class RecordPerson {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** The record matches one resident of the population register unambiguously. */
  @Column({ type: 'boolean', default: false })
  verified: boolean;

  /** Flag codes (sorted; `record_flag` holds their messages and evidence). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  flags: string[];

  /** A suspected phantom ("ảo"): the flags that decided it are in `aoReasons`. */
  @Column({ type: 'boolean', default: false })
  ao: boolean;

  @Column({ name: 'ao_reasons', type: 'varchar', array: true, default: () => "'{}'" })
  aoReasons: string[];
}

export enum LinkDecision {
  /** Above the automatic threshold: the two records are one person. */
  AUTO = 'AUTO',
  /** Between the thresholds: a person decides. */
  REVIEW = 'REVIEW',
  /** Both match the same resident of the register unambiguously. */
  BRIDGE = 'BRIDGE',
  /** Strong enough, but it would have given one person two ID numbers. */
  REFUSED = 'REFUSED',
  /**
   * Namesakes nothing tells apart, joined because numbered pairs like them were one person more
   * often than not in this run (`model/namesake-groups.ts`): a likelihood, not evidence.
   */
  NAMESAKE = 'NAMESAKE',
  /**
   * Strong enough, but the person already holds a record of this one's organization with no link
   * to it: an organization lists a member once, so such a duplicate needs a link of its own.
   */
  APART = 'APART',
}

/** A scored pair of records worth keeping (linked, to review, or refused), with its explanation. */
@Entity('record_link')
@Index('ix_record_link_b', ['recordB'])
// The few pairs waiting for review among a province's ~400,000 links: the queue and "since my last visit" read them.
@Index('ix_record_link_review', ['recordA', 'recordB'], { where: `"decision" = 'REVIEW'` })
export class RecordLink {
  @PrimaryColumn({ name: 'record_a', type: 'uuid' })
  recordA: string;

  @PrimaryColumn({ name: 'record_b', type: 'uuid' })
  recordB: string;

  @Column({ type: 'varchar', length: 8 })
  decision: LinkDecision;

  @Column({ type: 'real' })
  probability: number;

  /** Bits of evidence (log2 likelihood ratio, prior included). */
  @Column({ type: 'real' })
  weight: number;

  /** Each field's level and weight (and how common the agreeing value is). */
  @Column({ type: 'jsonb' })
  contributions: Contribution[];
}

export enum ReviewDecision {
  /** The two records are one person: every later run keeps them together. */
  CONFIRM = 'CONFIRM',
  /** Two people: no later run puts them in one person, however they score. */
  REJECT = 'REJECT',
}

/** A person's decision on a pair of records (record_a < record_b), kept across runs. */
@Entity('link_review')
export class LinkReview {
  @PrimaryColumn({ name: 'record_a', type: 'uuid' })
  recordA: string;

  @PrimaryColumn({ name: 'record_b', type: 'uuid' })
  recordB: string;

  @Column({ type: 'varchar', length: 8 })
  decision: ReviewDecision;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;
}

/** A flag of a member record, as the last linker run found it (phantom checks). */
@Entity('record_flag')
/** The DECEASED flags another organization's ending raised, by the dead listing they name (migration 1763700000050). */
@Index('ix_record_flag_death_elsewhere', { synchronize: false })
export class RecordFlag {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  /** PHANTOM, WARNING or INFO. */
  @Column({ type: 'varchar', length: 8 })
  severity: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb', default: {} })
  evidence: Record<string, unknown>;

  /** When first raised: a run that finds it again keeps the time (what changed since her last visit). */
  @Index('ix_record_flag_raised_at')
  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;
}

/** A person's answer to a flag, kept across runs: a false alarm is not raised again. */
@Entity('flag_resolution')
@Index('ix_flag_resolution_import_job', { synchronize: false })
export class FlagResolution {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  /** FALSE_ALARM (suppressed) or CONFIRMED. */
  @Column({ type: 'varchar', length: 12 })
  resolution: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'resolved_by', type: 'text' })
  resolvedBy: string;

  @Column({ name: 'resolved_at', type: 'timestamptz', default: () => 'now()' })
  resolvedAt: Date;

  /** The Ban Dân vận's request on it (ATTENTION), kept when the office then decides (migration 1763700000049). */
  @Column({ name: 'asked_by', type: 'text', nullable: true })
  askedBy: string | null;

  @Column({ name: 'asked_note', type: 'text', nullable: true })
  askedNote: string | null;

  @Column({ name: 'asked_at', type: 'timestamptz', nullable: true })
  askedAt: Date | null;

  /** The import whose ending (its status column) confirmed it (null: a person's decision): its undo opens it again. */
  @Column({ name: 'import_job_id', type: 'uuid', nullable: true })
  importJobId: string | null;
}
