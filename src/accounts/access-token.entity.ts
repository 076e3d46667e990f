import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../access/role.js';

/** Why a token was revoked: what a session that ends under its user is told (access.guard.ts). */
export enum RevokedReason {
  LOGGED_OUT = 'LOGGED_OUT',
  LOCKED = 'LOCKED',
  /** A new enrolment (her password and code cleared). */
  RESET = 'RESET',
  SCOPE_CHANGED = 'SCOPE_CHANGED',
  /** A service token revoked by an administrator. */
  REVOKED = 'REVOKED',
}

export enum AccessTokenKind {
  /** A user's log-in: short-lived, role and scope taken from the user at each request. */
  SESSION = 'SESSION',
  /** For scheduled jobs and integrations: named, with its own role and scope, revocable. */
  SERVICE = 'SERVICE',
}

/** A bearer token; only its SHA-256 is stored. */
@Entity('access_token')
export class AccessToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_access_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'varchar', length: 8 })
  kind: AccessTokenKind;

  /** SESSION: the user. */
  @Index()
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** SERVICE: its name (unique among live service tokens by convention). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  name: string | null;

  /** SERVICE: role and scope. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  role: Role | null;

  @Column({ name: 'organization_code', type: 'varchar', length: 16, nullable: true })
  organizationCode: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 16, nullable: true })
  revokedReason: RevokedReason | null;

  /** A service token that only reads: every mutation, and every request but GET, is refused (access.guard.ts). */
  @Column({ name: 'read_only', type: 'boolean', default: false })
  readOnly: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
