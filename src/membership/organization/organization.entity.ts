import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AssociationRules } from './association-definition.js';

/**
 * An organization. The seven of DOMAIN.md have their rules in `src/organizations/<code>/`;
 * an association added by an administrator is only this row.
 */
@Entity('organization')
export class Organization {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'member_term', type: 'text' })
  memberTerm: string;

  /** True for organizations whose rules are code (MTTQ, CD, DTN, HPN, HND, CCB, NCT). */
  @Column({ name: 'built_in', type: 'boolean', default: false })
  builtIn: boolean;

  /** Rules of a data-defined association; empty for built-in ones. */
  @Column({ type: 'jsonb', default: {} })
  rules: AssociationRules;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
