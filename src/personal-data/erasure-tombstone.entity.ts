import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What is left of an erased person: keyed hashes (of the ID number, of name + birth date), so
 * that a later import asks before creating that person again. No clear data.
 */
@Entity('erasure_tombstone')
export class ErasureTombstone {
  @PrimaryColumn({ name: 'key_hash', type: 'bytea' })
  keyHash: Buffer;

  /** `ID_NUMBER` or `NAME_BIRTH`. */
  @Column({ type: 'varchar', length: 12 })
  kind: string;

  @Column({ name: 'erased_at', type: 'timestamptz' })
  erasedAt: Date;

  @Column({ name: 'audit_event_id', type: 'bigint', nullable: true })
  auditEventId: string | null;

  /** The organizations that erased her (she kept her membership of others); null: every organization. */
  @Column({ type: 'varchar', array: true, nullable: true })
  organizations: string[] | null;
}

/** A tombstone that stands in the way of filing her again in `organization`: SQL over `erasure_tombstone` (`$n`: the code). */
export const tombstoneAppliesTo = (param: string) => `(organizations IS NULL OR ${param} = ANY(organizations))`;

/** A setting of this instance (the key fingerprint). */
@Entity('instance_setting')
export class InstanceSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
