import { Module } from '@nestjs/common';
import { DuplicateCheckService } from './duplicate-check.service.js';
import { LinkerResolver } from './linker.resolver.js';
import { LinkerService } from './linker.service.js';
import { PersonViewsService } from './person-views.service.js';

/** The linker: persons behind the records of every organization, with the register as a bridge. */
@Module({
  providers: [LinkerService, PersonViewsService, DuplicateCheckService, LinkerResolver],
  exports: [LinkerService, PersonViewsService, DuplicateCheckService],
})
export class LinkerModule {}
