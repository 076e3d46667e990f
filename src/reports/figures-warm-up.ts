import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FiguresMemo } from '../linker/figures-memo.js';
import { FlagsService } from '../linker/flags/flags.service.js';
import { PersonViewsService } from '../linker/review/person-views.service.js';
import { ReportsService } from './reports.service.js';

/**
 * At start, in the background, the province's shared figures that first screens ask for are
 * counted once into the figures memo: the flag counts (every roster's filter of flags), the
 * overlap of organizations and the live figures with their communes (Tổng quan). Without it the
 * first users after a restart each waited for them — the flag counts alone took about 2 s at a
 * million records, twice, before the memo kept them (BENCHMARKS "The first screen after a server
 * start"). The server listens meanwhile; a failure is logged and the figures are counted when asked.
 */
@Injectable()
export class FiguresWarmUp implements OnApplicationBootstrap {
  private readonly logger = new Logger('FiguresWarmUp');
  /** The warm-up under way (tests and benches wait for it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly figures: FiguresMemo,
    private readonly flags: FlagsService,
    private readonly persons: PersonViewsService,
    private readonly reports: ReportsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.figuresWarmUp) this.done = this.run();
  }

  private async run(): Promise<void> {
    // A value is kept only while the memo hears commits: counted before that, it would be counted again.
    if (!(await this.figures.listening(5000))) return;
    const counts: [string, () => Promise<unknown>][] = [
      ['số cảnh báo', () => this.flags.provinceCounts()],
      ['số người ở nhiều tổ chức', () => this.persons.overlap()],
      ['số liệu tổng quan', () => this.reports.live(null)],
      ['số liệu các xã', () => this.reports.liveCommunes(null)],
    ];
    for (const [what, count] of counts)
      await count().catch((e: unknown) =>
        this.logger.warn(`tính sẵn ${what} khi khởi động không được (sẽ tính khi có người hỏi): ${(e as Error).message}`),
      );
  }
}
