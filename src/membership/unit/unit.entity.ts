import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Commune } from '../../geography/admin-unit.entities.js';
import { Organization } from '../organization/organization.entity.js';

/** Levels of an organization's unit tree (no districts since 1/7/2025). */
export enum UnitKind {
  /** Tỉnh ủy-level committee of the organization. */
  PROVINCE = 'PROVINCE',
  /** Commune-level base (cơ sở: xã/phường/đặc khu). */
  BASE = 'BASE',
  /** An enterprise or agency base (Công đoàn cơ sở). */
  ENTERPRISE = 'ENTERPRISE',
  /** Chi đoàn / chi hội / tổ công đoàn. */
  BRANCH = 'BRANCH',
}

/** The kinds as the messages name them (the console's own words for its choices are the same). */
export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  PROVINCE: 'cấp tỉnh',
  BASE: 'cơ sở (xã, phường)',
  ENTERPRISE: 'cơ sở (doanh nghiệp, cơ quan)',
  BRANCH: 'chi hội, tổ',
};

@Entity('unit')
@Unique('uq_unit_org_code', ['organizationCode', 'code'])
@Index('ix_unit_path', { synchronize: false })
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_code', type: 'varchar', length: 16 })
  organizationCode: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_code' })
  organization?: Organization;

  /** The organization's own code for the unit, unique within the organization. */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: UnitKind;

  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Unit | null;

  /** The commune the unit belongs to; a province committee has none. */
  @Index()
  @Column({ name: 'commune_code', type: 'varchar', length: 5, nullable: true })
  communeCode: string | null;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune | null;

  /** Materialized path of ids, `/<root id>/…/<own id>/`: a subtree is a prefix match. */
  @Column({ type: 'text' })
  path: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
