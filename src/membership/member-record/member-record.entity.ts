import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Commune } from '../../geography/admin-unit.entities.js';
import type { DatePrecision } from '../../common/dates/partial-date.js';
import type { IdNumberIssue, IdNumberKind, Sex } from '../../common/identity/id-number.js';
import { MemberStatus } from '../status/member-status.js';
import type { Profile } from '../organization/organization-definition.js';
import { Organization } from '../organization/organization.entity.js';
import { Unit } from '../unit/unit.entity.js';

/** The values as entered, kept beside the normalized ones (the ID number's is sealed apart). */
export interface RawValues {
  fullName?: string;
  phone?: string;
  commune?: string;
}

/** A problem an import found in an optional cell, or an eligibility rule the row breaks: the record is kept (issue 16). */
export interface ImportWarning {
  /** The column as the file names it (null: the row as a whole). */
  column: string | null;
  /** Never a clear ID number or phone: see `maskWarning`. */
  message: string;
  /** When the import wrote it (ISO timestamp). */
  at: string;
  /** The field it is about (`phone`, `birthDate`, `profile.position`…), when known: correcting that field settles it. */
  field?: string;
  /** It only says what the import put back (a lost leading 0): nothing to look at (`importPreview(toLook)`). */
  advice?: boolean;
}

/** One membership: one record per (organization, Mã hồ sơ). */
@Entity('member_record')
@Unique('uq_member_record_org_external_id', ['organizationCode', 'externalId'])
/** Roster order (given name, full name, id) of an organization, a unit, a commune, with what page filters ask (migration 1763700000034). */
@Index('ix_member_record_roster', { synchronize: false })
@Index('ix_member_record_unit_roster', { synchronize: false })
@Index('ix_member_record_commune_roster', { synchronize: false })
/** The duplicate check at data entry: same given and family name (Hoàng = Huỳnh), birth dates near. */
@Index('ix_member_record_given_family_birth', ['givenKey', 'familyKey', 'birthDate'])
/** Search by the words of the name (migration 1763700000031). */
@Index('ix_member_record_name_words', { synchronize: false })
/** Search by part of a Mã hồ sơ (migration 1763700000041, trigrams). */
@Index('ix_member_record_code_part', { synchronize: false })
/** Search by a phone's last digits (migration 1763700000057, the phone reversed). */
@Index('ix_member_record_phone_tail', { synchronize: false })
/** What was written since a moment: an ended period's stored statuses looked at again (migration 1763700000035, BRIN). */
@Index('ix_member_record_updated_at', { synchronize: false })
/** The erased records, whose person a link run keeps (migration 1763700000050). */
@Index('ix_member_record_erased', { synchronize: false })
export class MemberRecord {
  /** Time-ordered (uuidv7): an import appends to the key's btree instead of writing all over it (migration 1763700000026). */
  @PrimaryColumn({ type: 'uuid', default: () => 'uuidv7()' })
  id: string;

  @Column({ name: 'organization_code', type: 'varchar', length: 16 })
  organizationCode: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_code' })
  organization?: Organization;

  /** Mã hồ sơ: the organization's own record number. */
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Column({ name: 'family_key', type: 'text' })
  familyKey: string;

  @Column({ name: 'given_key', type: 'text' })
  givenKey: string;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  /** YEAR, MONTH or DAY beside a birth date (record-dates.ts: the same for every date field). */
  @Column({ name: 'birth_date_precision', type: 'varchar', length: 5, nullable: true })
  birthDatePrecision: DatePrecision | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  sex: Sex | null;

  /** The ID number, encrypted (AES-256-GCM with the instance key): read only to reveal or export it. */
  @Column({ name: 'id_number_sealed', type: 'bytea', nullable: true })
  idNumberSealed: Buffer | null;

  /** HMAC of the ID number: what duplicates and the linker match on. */
  @Index()
  @Column({ name: 'id_number_hash', type: 'bytea', nullable: true })
  idNumberHash: Buffer | null;

  /** `0111******23`: what every list and export shows. */
  @Column({ name: 'id_number_masked', type: 'varchar', length: 12, nullable: true })
  idNumberMasked: string | null;

  /** The ID number as entered, encrypted, when it differs from the number itself (spaces, dots…). */
  @Column({ name: 'id_number_raw_sealed', type: 'bytea', nullable: true })
  idNumberRawSealed: Buffer | null;

  @Column({ name: 'id_kind', type: 'varchar', length: 4, nullable: true })
  idKind: IdNumberKind | null;

  /** What a 12-digit number contradicts (unknown province, sex, birth year…). */
  @Column({ name: 'id_issues', type: 'varchar', array: true, default: () => "'{}'" })
  idIssues: IdNumberIssue[];

  @Index()
  @Column({ type: 'varchar', length: 11, nullable: true })
  phone: string | null;

  /** The current commune; empty while an old split commune is not settled. */
  @Column({ name: 'commune_code', type: 'varchar', length: 5, nullable: true })
  communeCode: string | null;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune | null;

  /** The commune code as entered (old or new). */
  @Column({ name: 'commune_entered_code', type: 'varchar', length: 5, nullable: true })
  communeEnteredCode: string | null;

  /** Successors of an old split commune, until a name or a person settles it. */
  @Column({ name: 'commune_candidates', type: 'varchar', array: true, default: () => "'{}'" })
  communeCandidates: string[];

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  /** The village (thôn, bản, xóm, tổ dân phố) as her roster writes it: within the commune, where she knows the member. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  village: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit | null;

  @Column({ name: 'join_date', type: 'date', nullable: true })
  joinDate: string | null;

  /** YEAR (the norm in old rosters), MONTH or DAY beside a join date. */
  @Column({ name: 'join_date_precision', type: 'varchar', length: 5, nullable: true })
  joinDatePrecision: DatePrecision | null;

  /** Not indexed: a handful of values, which a btree would not narrow (filters ride the name index). */
  @Column({ type: 'varchar', length: 16, default: MemberStatus.ACTIVE })
  status: MemberStatus;

  @Column({ name: 'last_activity_date', type: 'date', nullable: true })
  lastActivityDate: string | null;

  @Column({ name: 'last_activity_date_precision', type: 'varchar', length: 5, nullable: true })
  lastActivityDatePrecision: DatePrecision | null;

  @Column({ name: 'last_dues_date', type: 'date', nullable: true })
  lastDuesDate: string | null;

  @Column({ name: 'last_dues_date_precision', type: 'varchar', length: 5, nullable: true })
  lastDuesDatePrecision: DatePrecision | null;

  /** The organization's own fields (Chức vụ, Hội viên danh dự, Năm nhập ngũ…). */
  @Column({ type: 'jsonb', default: {} })
  profile: Profile;

  @Column({ type: 'jsonb', default: {} })
  raw: RawValues;

  /** What the last import of this record's row warned about (replaced by each import of it). */
  @Column({ name: 'import_warnings', type: 'jsonb', default: [] })
  importWarnings: ImportWarning[];

  /**
   * Digest of the import row last written into this record (kept when the record is edited since):
   * next month's same line is this record and changes nothing — her corrections on screen stand.
   */
  @Column({ name: 'import_digest', type: 'bytea', nullable: true, select: false })
  importDigest: Buffer | null;

  /** Set when the person's data was erased on request; the row stays for aggregate figures. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
