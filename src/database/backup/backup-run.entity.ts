import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A backup taken (DONE) or attempted (FAILED), from the console or `lienthong backup`: written when it
 * ends, so that a backup never holds a row of its own still under way (the one running lives in the
 * server's memory: `BackupsService`).
 */
@Entity('backup_run')
@Index('ix_backup_run_started', ['startedAt'])
export class BackupRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;

  /** DONE or FAILED. */
  @Column({ type: 'varchar', length: 8 })
  status: string;

  /** USER, SERVICE or CLI (Principal['kind']). */
  @Column({ name: 'started_by_kind', type: 'varchar', length: 8 })
  startedByKind: string;

  /** Username, token name or `cli:<os user>`, as the audit log names them. */
  @Column({ name: 'started_by', type: 'varchar', length: 80 })
  startedBy: string;

  /** The archive's full path. */
  @Column({ type: 'text' })
  file: string;

  @Column({ type: 'bigint', nullable: true })
  bytes: string | null;

  /** Whether the personal-data key is in the archive (`lienthong backup --with-key`; never from the console). */
  @Column({ name: 'with_key', type: 'boolean', default: false })
  withKey: boolean;

  /** Why a FAILED backup stopped (Vietnamese). */
  @Column({ type: 'text', nullable: true })
  failure: string | null;
}
