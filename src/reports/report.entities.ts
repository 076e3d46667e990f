import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PeriodKind } from '../common/dates/period.js';
import type { ReportData } from './figures/report-figures.js';

/**
 * A reconciliation report of one period and reporting area (column `scope`), as computed: one current per (period, area).
 * A re-run replaces it in one transaction, so readers see the old one or the new one, never half of either; an official
 * (final) one replaced is kept, marked replaced (migration 1763700000048), so the figures sent up stay where they came from.
 */
@Entity('report_snapshot')
@Index('uq_report_snapshot_current', ['period', 'scope'], { unique: true, where: 'superseded_at IS NULL' })
export class ReportSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `2026-11`, `2026-Q4`, `2026`. */
  @Column({ type: 'varchar', length: 8 })
  period: string;

  @Column({ name: 'period_kind', type: 'varchar', length: 8 })
  periodKind: PeriodKind;

  /** The reporting area: `province`, `commune:00004`, `org:HPN`, `unit:HPN/B1`. */
  @Column({ type: 'varchar', length: 80 })
  scope: string;

  @Column({ name: 'scope_label', type: 'text' })
  scopeLabel: string;

  /** The day the figures are as of: the period's last day, or the day computed while it runs. */
  @Column({ name: 'as_of_day', type: 'date' })
  asOfDay: string;

  /** The period was over when computed: its figures will not move unless the history is corrected. */
  @Column({ type: 'boolean' })
  final: boolean;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;

  /** `schedule`, or who asked (`cli:root`, a username). */
  @Column({ name: 'computed_by', type: 'text' })
  computedBy: string;

  @Column({ type: 'real' })
  seconds: number;

  @Column({ type: 'jsonb' })
  data: ReportData;

  /** An official report computed again: when, and the report that replaced it (null: current). */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy: string | null;
}

/** One organization in one commune of a report (the commune is null for records without one). */
@Entity('report_row')
@Index('ix_report_row_snapshot', ['snapshotId', 'organizationCode', 'communeCode'])
export class ReportRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @ManyToOne(() => ReportSnapshot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: ReportSnapshot;

  @Column({ name: 'organization_code', type: 'varchar', length: 16 })
  organizationCode: string;

  @Column({ name: 'commune_code', type: 'varchar', length: 5, nullable: true })
  communeCode: string | null;

  @Column({ type: 'integer' })
  memberships: number;

  @Column({ type: 'integer' })
  people: number;

  @Column({ name: 'duplicate_records', type: 'integer' })
  duplicateRecords: number;

  @Column({ name: 'without_id_number', type: 'integer' })
  withoutIdNumber: number;

  @Column({ name: 'suspected_phantoms', type: 'integer' })
  suspectedPhantoms: number;

  @Column({ type: 'integer' })
  joiners: number;

  @Column({ type: 'integer' })
  leavers: number;

  /** Phantoms struck off in the period (joiners-leavers.ts `Move.struck`); null in rows counted before it was kept. */
  @Column({ type: 'integer', nullable: true })
  struck: number | null;

  /** The eligible population of the commune in the register; null where it cannot say. */
  @Column({ type: 'integer', nullable: true })
  eligible: number | null;

  /** Its people not suspected of being phantoms, where `eligible` is known: the rate's numerator. */
  @Column({ type: 'integer', nullable: true })
  reached: number | null;
}

/** A suspected phantom of a report: the record and the reasons, never its ID number. */
@Entity('report_phantom')
export class ReportPhantom {
  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @ManyToOne(() => ReportSnapshot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: ReportSnapshot;

  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @Column({ name: 'organization_code', type: 'varchar', length: 16 })
  organizationCode: string;

  @Column({ name: 'commune_code', type: 'varchar', length: 5, nullable: true })
  communeCode: string | null;

  @Column({ type: 'varchar', array: true })
  reasons: string[];
}

export const REPORT_ENTITIES = [ReportSnapshot, ReportRow, ReportPhantom];
