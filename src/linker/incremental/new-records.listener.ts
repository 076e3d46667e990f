import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RecordsCreatedHook } from '../../membership/member-record/records-created.hook.js';
import { DuplicateCheckService } from './duplicate-check.service.js';

/** Records created through the form or a small import are linked at once (the incremental path). */
@Injectable()
export class NewRecordsListener implements OnModuleInit {
  constructor(
    private readonly hook: RecordsCreatedHook,
    private readonly duplicates: DuplicateCheckService,
  ) {}

  onModuleInit(): void {
    this.hook.subscribe(({ ids }) => this.duplicates.linkNew(ids));
  }
}
