import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A province since 1/7/2025 (34). */
@Entity('province')
export class Province {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** `Tỉnh` or `Thành phố`. */
  @Column({ type: 'varchar', length: 16 })
  kind: string;
}

/** A commune-level unit since 1/7/2025 (3,321: xã, phường, đặc khu). */
@Entity('commune')
export class Commune {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** `Xã`, `Phường` or `Đặc khu`. */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Index()
  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode: string;

  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;
}

/** A province before 1/7/2025 (63). */
@Entity('legacy_province')
export class LegacyProvince {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** The current province(s) its territory went to. */
  @Column({ name: 'successor_codes', type: 'varchar', array: true })
  successorCodes: string[];
}

/** A commune before 1/7/2025 (10,047); its code may be reused by a current commune. */
@Entity('legacy_commune')
export class LegacyCommune {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Index()
  @Column({ name: 'legacy_province_code', type: 'varchar', length: 2 })
  legacyProvinceCode: string;

  @ManyToOne(() => LegacyProvince, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legacy_province_code' })
  legacyProvince?: LegacyProvince;
}

/** Old → new: a merged commune has one successor, a split one (460) has several. */
@Entity('legacy_commune_successor')
export class LegacyCommuneSuccessor {
  @PrimaryColumn({ name: 'legacy_code', type: 'varchar', length: 5 })
  legacyCode: string;

  @Index()
  @PrimaryColumn({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode: string;

  /** FULL: the whole old commune went here; PARTIAL: part of it. */
  @Column({ type: 'varchar', length: 8 })
  coverage: 'FULL' | 'PARTIAL';

  @ManyToOne(() => LegacyCommune, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'legacy_code' })
  legacy?: LegacyCommune;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune;
}

export const ADMIN_UNIT_ENTITIES = [Province, Commune, LegacyProvince, LegacyCommune, LegacyCommuneSuccessor];
