import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One person of an extract of the population register (CSDL dân cư), kept apart from the rosters:
 * the reference members are checked against (real person? alive? in that commune?).
 */
@Entity('resident')
@Index('ix_resident_batch_commune', ['batchId', 'communeCode'])
export class Resident {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ name: 'birth_date_precision', type: 'varchar', length: 4, nullable: true })
  birthDatePrecision: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  sex: string | null;

  @Column({ name: 'id_number_sealed', type: 'bytea', nullable: true })
  idNumberSealed: Buffer | null;

  @Index()
  @Column({ name: 'id_number_hash', type: 'bytea', nullable: true })
  idNumberHash: Buffer | null;

  @Column({ name: 'id_number_masked', type: 'varchar', length: 12, nullable: true })
  idNumberMasked: string | null;

  @Index()
  @Column({ name: 'commune_code', type: 'varchar', length: 5, nullable: true })
  communeCode: string | null;

  @Column({ name: 'commune_entered_code', type: 'varchar', length: 5, nullable: true })
  communeEnteredCode: string | null;

  @Column({ type: 'boolean' })
  alive: boolean;

  @Column({ name: 'death_date', type: 'date', nullable: true })
  deathDate: string | null;
}

/** One import of an extract; its rows count only once it is DONE (a killed import leaves nothing visible). */
@Entity('resident_batch')
export class ResidentBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_name', type: 'text' })
  sourceName: string;

  @Column({ type: 'varchar', length: 8 })
  status: 'RUNNING' | 'DONE';

  @Column({ type: 'integer', default: 0 })
  rows: number;

  @Column({ type: 'integer', default: 0 })
  rejected: number;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  communes: string[];

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
