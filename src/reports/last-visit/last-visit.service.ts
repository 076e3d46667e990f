import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { readScope, scopeWhere, writeScope, type RecordScope } from '../../access/record-scope.js';
import { Role } from '../../access/role.js';
import type { SinceLastVisitType } from './last-visit.types.js';
import { countAwaitingReview } from '../../linker/review/awaiting-review.js';
import { suspectRaisedSince } from '../../linker/flags/flag-sql.js';

/** Who decides link reviews (the linker's decideLink allows the same). */
const REVIEWERS: Role[] = [Role.ADMIN, Role.DAN_VAN];

/** Who accepts or declines a transfer into a unit they keep (RecordTransfersService.receives). */
const RECEIVERS: Role[] = [Role.ADMIN, Role.SECRETARIAT];

/** What changed since her previous log-in: new suspects in her rights, pairs and transfers waiting, reports computed. */
@Injectable()
export class LastVisitService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async sinceLastVisit(p: Principal): Promise<SinceLastVisitType> {
    const since = await this.previousLogIn(p);
    // An auditor reads aggregates of the whole province, never a record: a count is an aggregate.
    const scope: RecordScope = p.role === Role.AUDITOR ? { kind: 'ALL' } : readScope(p);
    const [newSuspects, pendingReviews, incomingTransfers, attentionRequests, reportsComputed] = await Promise.all([
      since ? this.suspectsRaisedSince(since, scope) : 0,
      REVIEWERS.includes(p.role) ? this.pendingReviews() : null,
      RECEIVERS.includes(p.role) ? this.incomingTransfers(writeScope(p)) : null,
      RECEIVERS.includes(p.role) ? this.attentionRequests(writeScope(p)) : null,
      since ? this.reportsComputedSince(since, p.name) : 0,
    ]);
    return { since, newSuspects, pendingReviews, incomingTransfers, attentionRequests, reportsComputed };
  }

  /** The log-in before the one she is in now (a service token or the CLI has none). */
  private async previousLogIn(p: Principal): Promise<Date | null> {
    if (p.kind !== 'USER') return null;
    const rows: { at: Date }[] = await this.db.query(
      `SELECT at FROM audit_event WHERE actor_name = $1 AND actor_kind = 'USER' AND action = 'LOGIN' ORDER BY at DESC, id DESC OFFSET 1 LIMIT 1`,
      [p.name],
    );
    return rows[0]?.at ?? null;
  }

  /** As Cảnh báo lists them with `raisedSince` (its link's address): the same predicate, records a link run has read. */
  private async suspectsRaisedSince(since: Date, scope: RecordScope): Promise<number> {
    const where = [suspectRaisedSince('r', '$1'), `r.status = 'ACTIVE'`, `r.erased_at IS NULL`];
    const params: unknown[] = [since];
    scopeWhere(scope, where, params);
    return this.count(
      `SELECT count(*)::int AS n FROM record_person p JOIN member_record r ON r.id = p.record_id LEFT JOIN unit u ON u.id = r.unit_id
         WHERE ${where.join(' AND ')}`,
      params,
    );
  }

  private pendingReviews(): Promise<number> {
    return countAwaitingReview(this.db);
  }

  /** Transfers waiting for her decision: pending, into a unit of her organization and subtree. */
  private async incomingTransfers(scope: RecordScope): Promise<number> {
    const where = [`q.state = 'PENDING'`];
    const params: unknown[] = [];
    scopeWhere(scope, where, params, { organization: 'q.organization_code', unitPath: 'tu.path' });
    return this.count(
      `SELECT count(*)::int AS n FROM transfer_request q JOIN unit tu ON tu.id = q.to_unit_id WHERE ${where.join(' AND ')}`,
      params,
    );
  }

  /** Active records she keeps with a flag the Ban Dân vận asked her to look at, which she has not confirmed or dismissed yet. */
  private async attentionRequests(scope: RecordScope): Promise<number> {
    const where = [`x.resolution = 'ATTENTION'`, `r.status = 'ACTIVE'`, `r.erased_at IS NULL`];
    const params: unknown[] = [];
    scopeWhere(scope, where, params);
    return this.count(
      `SELECT count(DISTINCT x.record_id)::int AS n FROM flag_resolution x JOIN member_record r ON r.id = x.record_id
         LEFT JOIN unit u ON u.id = r.unit_id WHERE ${where.join(' AND ')}`,
      params,
    );
  }

  /** Reports computed by others (the schedule included): one she ran herself is no news to her. */
  private async reportsComputedSince(since: Date, reader: string): Promise<number> {
    return this.count(`SELECT count(*)::int AS n FROM report_snapshot WHERE computed_at > $1 AND computed_by <> $2`, [since, reader]);
  }

  private async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(sql, params);
    return row.n;
  }
}
