import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { DatePrecision } from '../common/dates/partial-date.js';
import { MemberRecord } from '../membership/member-record/member-record.entity.js';
import type { NoteFactKind } from './reading/note-facts.js';

export type SuggestionStatus = 'OPEN' | 'ACCEPTED' | 'DISMISSED';

/**
 * A fact a `Ghi chú` cell states (died, moved away, an old CMND, also a member elsewhere), kept for
 * the secretary to accept or dismiss: never applied by itself. Apart from `record_flag`, which each
 * link run rewrites; the same note imported again is the same suggestion (its decision is kept).
 * Accepting raises a flag that link runs keep (migration 1763700000020; suggestion-decisions.service.ts).
 */
@Entity('record_suggestion')
@Index('IDX_record_suggestion_fact', ['recordId', 'kind', 'evidence'], { unique: true })
export class RecordSuggestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'FK_record_suggestion_record' })
  record?: MemberRecord;

  @Column({ type: 'varchar', length: 16 })
  kind: NoteFactKind;

  /** The note as written: the evidence the secretary decides on. */
  @Column({ type: 'text' })
  evidence: string;

  /** When it happened, if the note says. */
  @Column({ name: 'happened_on', type: 'date', nullable: true })
  happenedOn: string | null;

  @Column({ name: 'happened_precision', type: 'varchar', length: 5, nullable: true })
  happenedPrecision: DatePrecision | 'MONTH' | null;

  /** Where to, or which organization, as written. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'varchar', length: 10, default: 'OPEN' })
  status: SuggestionStatus;

  @Column({ name: 'import_job_id', type: 'uuid', nullable: true })
  importJobId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Who accepted or dismissed it (the account's name, as the audit log names it). */
  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  /** Why: required to dismiss, optional to accept. */
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** The flag an accepted suggestion raised on the record; link runs keep it while the suggestion stays ACCEPTED. */
  @Column({ name: 'flag_code', type: 'varchar', length: 20, nullable: true })
  flagCode: string | null;
}
