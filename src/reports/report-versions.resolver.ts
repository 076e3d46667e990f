import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, ALL_ROLES } from '../access/access.decorators.js';
import { replacedReports } from './reading/report-reads.js';
import { ReplacedReportType, ReportType } from './reports.types.js';

/** Thin: the official reports a report replaced (computed again), kept as they were, newest first. */
@Resolver(() => ReportType)
export class ReportVersionsResolver {
  constructor(private readonly db: DataSource) {}

  @Allow(...ALL_ROLES)
  @ResolveField('replaced', () => [ReplacedReportType], {
    description: 'The official reports of this period and scope it replaced (computed again), kept as they were; newest first.',
  })
  async replaced(@Parent() report: ReportType): Promise<ReplacedReportType[]> {
    const older = await replacedReports(this.db, report.id);
    return older.map((s) => ({
      id: s.id,
      computedAt: s.computedAt,
      computedBy: s.computedBy,
      supersededAt: s.supersededAt!,
      totals: s.data.totals,
    }));
  }
}
