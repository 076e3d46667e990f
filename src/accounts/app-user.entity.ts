import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../access/role.js';

/**
 * A person who logs in: password (argon2id) and a TOTP second factor, both NULL until she has
 * enrolled with her one-time enrolment password (enrolment.service.ts).
 */
@Entity('app_user')
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  /** The TOTP secret, encrypted with the instance key. */
  @Column({ name: 'totp_secret_sealed', type: 'bytea', nullable: true })
  totpSecretSealed: Buffer | null;

  /** The secret shown at enrolment, until a code of it confirms it. */
  @Column({ name: 'totp_pending_sealed', type: 'bytea', nullable: true })
  totpPendingSealed: Buffer | null;

  /** The one-time enrolment password's hash (kept after use, to say it was used). */
  @Column({ name: 'enrolment_hash', type: 'text', nullable: true })
  enrolmentHash: string | null;

  @Column({ name: 'enrolment_expires_at', type: 'timestamptz', nullable: true })
  enrolmentExpiresAt: Date | null;

  @Column({ name: 'enrolment_used_at', type: 'timestamptz', nullable: true })
  enrolmentUsedAt: Date | null;

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
