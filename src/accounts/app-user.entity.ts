import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../access/role.js';

/** A person who logs in: password (argon2id) and a TOTP second factor. */
@Entity('app_user')
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** The TOTP secret, encrypted with the instance key. */
  @Column({ name: 'totp_secret_sealed', type: 'bytea' })
  totpSecretSealed: Buffer;

  /** The last TOTP time step accepted: a code is good once. */
  @Column({ name: 'totp_last_step', type: 'bigint', default: 0 })
  totpLastStep: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'organization_code', type: 'varchar', length: 16, nullable: true })
  organizationCode: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
