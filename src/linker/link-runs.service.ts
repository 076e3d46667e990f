import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { outsideRequest } from '../common/graphql/statement-timeout.js';
import { LINK_PHASES } from './batch/link-phases.js';
import { linkRunning, LINK_BUSY } from './batch/run-lifecycle.js';
import { LinkerService } from './linker.service.js';
import type { LinkRunType } from './link-runs.types.js';

const STATUS_LABEL: Record<string, string> = { RUNNING: 'Đang chạy', DONE: 'Đã xong', FAILED: 'Bị lỗi' };

interface RunRow {
  id: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  started_by_kind: string | null;
  started_by: string | null;
  summary: { seconds?: Record<string, number>; failure?: string } & Partial<Record<Counted, number>>;
}
const COUNTED = ['records', 'persons', 'multiOrganizationPersons', 'autoLinks', 'reviewPairs', 'suspectedPhantoms'] as const;
type Counted = (typeof COUNTED)[number];

/** A run's row as people read it: each phase with its seconds once it has ended, the counts once the run is done. */
export function linkRunView(r: RunRow): LinkRunType {
  const seconds = r.summary.seconds ?? {};
  const counts = Object.fromEntries(COUNTED.map((k) => [k, typeof r.summary[k] === 'number' ? r.summary[k] : null])) as Record<
    Counted,
    number | null
  >;
  return {
    id: r.id,
    status: r.status,
    statusLabel: STATUS_LABEL[r.status] ?? r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    startedByKind: r.started_by_kind,
    startedBy: r.started_by,
    phases: LINK_PHASES.map((p) => ({ key: p.key, label: p.done, seconds: seconds[p.key] ?? null })),
    ...counts,
    failure: r.summary.failure ?? null,
  };
}

/**
 * The link runs as the console shows them (newest first, the one under way with its phases), and a
 * run started from the console: in this process, in the background, one at a time in the whole
 * installation (the linker's lock), audited. The server waits for it before it stops.
 */
@Injectable()
export class LinkRunsService implements OnApplicationShutdown {
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly linker: LinkerService,
    private readonly audit: AuditService,
  ) {}

  async runs(first: number): Promise<LinkRunType[]> {
    const rows = await this.db.query<RunRow[]>(
      `SELECT id, status, started_at, finished_at, started_by_kind, started_by, summary FROM link_run ORDER BY started_at DESC LIMIT $1`,
      [first],
    );
    return rows.map(linkRunView);
  }

  /** Starts a run and answers with its row once it is under way; CONFLICT when one is running already (here or elsewhere). */
  async start(caller: Principal): Promise<LinkRunType> {
    if (this.running || (await linkRunning(this.db))) throw new DomainError('CONFLICT', LINK_BUSY, [], 'LINK_BUSY');
    const [{ now }] = await this.db.query<{ now: Date }[]>(`SELECT clock_timestamp() AS now`);
    await this.audit.record(caller, { action: AuditAction.LINK_RUN_STARTED, subjectType: 'LINK_RUN', detail: {} });
    let refused: unknown = null;
    // Minutes at a province's size: not bound by the request's statement timeout.
    const run = outsideRequest(() => this.linker.link({ startedBy: { kind: caller.kind, name: caller.name } })).catch((e: unknown) => {
      refused = e;
      new Logger(LinkRunsService.name).error(`link run started from the console failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    this.running = run.finally(() => (this.running = null));
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      // Another process took the lock between the check and the start: no row of ours will come.
      if (refused instanceof DomainError) throw refused;
      const [row] = await this.db.query<RunRow[]>(
        `SELECT id, status, started_at, finished_at, started_by_kind, started_by, summary FROM link_run WHERE started_at >= $1 ORDER BY started_at LIMIT 1`,
        [now],
      );
      if (row) return linkRunView(row);
    }
    throw new DomainError('CONFLICT', LINK_BUSY, [], 'LINK_BUSY');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
