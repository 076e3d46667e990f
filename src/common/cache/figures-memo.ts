import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FreshMemo } from './fresh-memo.js';

/** The channel the tables of the shared figures notify on commit (migration 1763700000030). */
export const FIGURES_CHANNEL = 'lienthong_figures';

/**
 * The province-wide figures a dashboard shows to everyone (flag counts, the overlap of
 * organizations) and an organization's records by status (a roster's first page counts from
 * them), counted once and shared until a commit changes what they count (fresh-memo.ts). At most
 * five minutes old even if a notification was missed. One per process: the membership module
 * provides it, the modules above use it.
 */
@Injectable()
export class FiguresMemo extends FreshMemo implements OnModuleDestroy {
  constructor(db: DataSource) {
    super(() => ({ connectionString: (db.options as { url?: string }).url }), FIGURES_CHANNEL, { maxAgeMs: 300_000, maxEntries: 5_000 });
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
