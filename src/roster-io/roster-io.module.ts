import { Module } from '@nestjs/common';
import { RosterExportService } from './roster-export.service.js';
import { RosterImportService } from './roster-import.service.js';

/** Rosters in and out: Excel/CSV import (jobs, row errors) and export in the template's columns. */
@Module({
  providers: [RosterImportService, RosterExportService],
  exports: [RosterImportService, RosterExportService],
})
export class RosterIoModule {}
