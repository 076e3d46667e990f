import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MemberRecord } from './member-record.entity.js';
import { Unit } from '../unit/unit.entity.js';

/** Where a transfer to a unit the sender does not keep stands. */
export enum TransferState {
  /** Sent; the record stays in its unit until the receiving secretariat decides. */
  PENDING = 'PENDING',
  /** Accepted: the record moved (its history holds the TRANSFERRED event). */
  ACCEPTED = 'ACCEPTED',
  /** Declined with a reason: the record stays where it was; the sender sees why. */
  DECLINED = 'DECLINED',
  /** Taken back by the sending side before a decision: the record stays; nobody needs to see it again. */
  CANCELLED = 'CANCELLED',
}

/**
 * A chuyển sinh hoạt to another commune's unit, waiting for the receiving secretariat (issue 20,
 * item 3). At most one PENDING request per record (a partial unique index, migration 1763700000037).
 */
@Entity('transfer_request')
@Index('ix_transfer_request_record', ['recordId', 'requestedAt'])
@Index('uq_transfer_request_pending', { synchronize: false })
export class TransferRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: MemberRecord;

  @Index()
  @Column({ name: 'organization_code', type: 'varchar', length: 16 })
  organizationCode: string;

  @Column({ name: 'from_unit_id', type: 'uuid', nullable: true })
  fromUnitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_unit_id' })
  fromUnit?: Unit | null;

  @Index()
  @Column({ name: 'to_unit_id', type: 'uuid' })
  toUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_unit_id' })
  toUnit?: Unit;

  /** The day the move takes effect, as the sender gave it. */
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 16, default: TransferState.PENDING })
  state: TransferState;

  /** Who sent it and who decided (the audit log's names for them). */
  @Column({ name: 'requested_by', type: 'varchar', length: 80 })
  requestedBy: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'varchar', length: 80, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;
}
