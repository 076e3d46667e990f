import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RecordsCreatedHook } from '../../membership/member-record/records-created.hook.js';
import { IncrementalLinkService } from './incremental-link.service.js';

/** Records created through the form or a small import are linked at once (the incremental path). */
@Injectable()
export class NewRecordsListener implements OnModuleInit {
  constructor(
    private readonly hook: RecordsCreatedHook,
    private readonly incremental: IncrementalLinkService,
  ) {}

  onModuleInit(): void {
    this.hook.subscribe(({ ids }) => this.incremental.linkNew(ids));
  }
}
