import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordsCreatedHook } from '../../membership/member-record/records-created.hook.js';
import { regroup } from '../review/regroup.js';
import { IncrementalLinkService } from './incremental-link.service.js';

/**
 * Records created through the form or a small import are linked at once (the incremental path); a
 * membership ended has its person re-read at once (`regroup`): the other listing of one person in her
 * organization is a duplicate no more, as the next run would find.
 */
@Injectable()
export class NewRecordsListener implements OnModuleInit {
  constructor(
    private readonly hook: RecordsCreatedHook,
    private readonly incremental: IncrementalLinkService,
    private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.hook.subscribe(({ ids }) => this.incremental.linkNew(ids));
    this.hook.subscribeEnded(async (ids) => {
      await this.db.transaction((em) => regroup(em, ids));
    });
  }
}
