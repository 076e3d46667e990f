import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberStatus } from '../status/member-status.js';
import { MemberRecord } from './member-record.entity.js';

export enum MembershipEventKind {
  /** kết nạp, or the record's first entry into the registry */
  ADMITTED = 'ADMITTED',
  /** chuyển sinh hoạt within the organization */
  TRANSFERRED = 'TRANSFERRED',
  /** tạm dừng, sinh hoạt tạm thời, back to active… */
  STATUS_CHANGED = 'STATUS_CHANGED',
  /** xin ra, xóa tên, khai trừ, trưởng thành, chết, chuyển đi */
  ENDED = 'ENDED',
}

/** The dated history of a membership: append-only. */
@Entity('membership_event')
@Index('ix_membership_event_record', ['recordId', 'recordedAt'])
@Index('ix_membership_event_import_job', { synchronize: false })
/** What was recorded since a moment: an ended period's stored statuses looked at again (migration 1763700000035, BRIN). */
@Index('ix_membership_event_recorded_at', { synchronize: false })
/** The endings voided (migration 1763700000051): few rows, read by the reports' count of endings. */
@Index('ix_membership_event_voids', { synchronize: false })
export class MembershipEvent {
  /** Time-ordered (uuidv7): an import appends to the key's btree instead of writing all over it (migration 1763700000026). */
  @PrimaryColumn({ type: 'uuid', default: () => 'uuidv7()' })
  id: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: MemberRecord;

  @Column({ type: 'varchar', length: 16 })
  kind: MembershipEventKind;

  /** The day it took effect (the decision's date), as given. */
  @Column({ name: 'effective_date', type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: MemberStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus: MemberStatus | null;

  @Column({ name: 'from_unit_id', type: 'uuid', nullable: true })
  fromUnitId: string | null;

  @Column({ name: 'to_unit_id', type: 'uuid', nullable: true })
  toUnitId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** The ENDED event a return voids (an ending made by mistake: mistaken-ending.ts); null for any other event. */
  @Column({ type: 'uuid', nullable: true })
  voids: string | null;

  /** The import that wrote the event (null: not an import): an undo of the import removes exactly its events. */
  @Column({ name: 'import_job_id', type: 'uuid', nullable: true })
  importJobId: string | null;
}
