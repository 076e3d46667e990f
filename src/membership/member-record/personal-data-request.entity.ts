import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MemberRecord } from './member-record.entity.js';

/** What a data subject asked for (Luật Bảo vệ dữ liệu cá nhân): a copy of her data, or its erasure. */
export enum PersonalDataRequestKind {
  EXPORT = 'EXPORT',
  ERASURE = 'ERASURE',
}

/** Days the law gives to answer a request (DOMAIN.md: deletion on request within 20 days). */
export const REQUEST_DAYS = 20;

/**
 * A data subject's request as the administrator received it, with its legal deadline: answered when
 * exportPersonalData or erasePersonalData runs for its record. No free text: what the request said
 * is in the letter, and the audit log keeps the administrator's reason.
 */
@Entity('personal_data_request')
@Index('ix_personal_data_request_open', ['doneAt', 'dueOn'])
export class PersonalDataRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: PersonalDataRequestKind;

  @Index()
  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => MemberRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: MemberRecord;

  /** The day the request reached the organization (the deadline counts from it). */
  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'received_by', type: 'varchar', length: 80 })
  receivedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'varchar', length: 80, nullable: true })
  doneBy: string | null;
}
