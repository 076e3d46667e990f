import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { AccessResolver } from './accounts/access.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { RosterIoResolver } from './roster-io/roster-io.resolver.js';
import { JobNotesResolver } from './roster-io/job-notes.resolver.js';
import { RecordNotesResolver } from './roster-io/record-notes.resolver.js';
import { SuggestionsResolver } from './roster-io/suggestions.resolver.js';
import { ImportUndoResolver } from './roster-io/import-undo.resolver.js';
import { CommuneFieldsResolver } from './geography/commune-fields.resolver.js';
import { GeographyResolver } from './geography/geography.resolver.js';
import { MemberRecordsResolver } from './membership/member-record/member-records.resolver.js';
import { OrganizationsResolver } from './membership/organization/organizations.resolver.js';
import { UnitsResolver } from './membership/unit/units.resolver.js';
import { PersonalDataRequestsResolver } from './membership/member-record/personal-data-requests.resolver.js';
import { TransferRequestsResolver } from './membership/member-record/transfer-requests.resolver.js';
import { LinkerResolver } from './linker/linker.resolver.js';
import { LinkRunsResolver } from './linker/link-runs.resolver.js';
import { FlagsResolver } from './linker/flags/flags.resolver.js';
import { RecordPersonResolver } from './linker/review/record-person.resolver.js';
import { PersonDecisionsResolver } from './linker/review/person-decisions.resolver.js';
import { PairSideNamesResolver, PersonRecordNamesResolver } from './linker/review/person-record-names.resolver.js';
import { ReportsResolver } from './reports/reports.resolver.js';
import { ReportVersionsResolver } from './reports/report-versions.resolver.js';
import { LastVisitResolver } from './reports/last-visit/last-visit.resolver.js';
import { MemberMovementResolver } from './reports/movement/member-movement.resolver.js';
import { BackupsResolver } from './backups/backups.resolver.js';

/** Every resolver of the API: the schema generator builds `schema.graphql` from these. */
export const GRAPHQL_RESOLVERS = [
  GeographyResolver,
  CommuneFieldsResolver,
  OrganizationsResolver,
  UnitsResolver,
  MemberRecordsResolver,
  TransferRequestsResolver,
  PersonalDataRequestsResolver,
  AccessResolver,
  AuditResolver,
  RosterIoResolver,
  JobNotesResolver,
  RecordNotesResolver,
  SuggestionsResolver,
  ImportUndoResolver,
  LinkerResolver,
  LinkRunsResolver,
  FlagsResolver,
  RecordPersonResolver,
  PersonDecisionsResolver,
  PersonRecordNamesResolver,
  PairSideNamesResolver,
  ReportsResolver,
  ReportVersionsResolver,
  LastVisitResolver,
  MemberMovementResolver,
  BackupsResolver,
];

const HEADER = '# Generated from the code by `npm run schema` (sorted). Do not edit: CI fails when it is stale.\n\n';

/** The SDL as committed in schema.graphql. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}

/** Builds the schema from the resolvers alone: no database, no HTTP. */
export async function generateSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(GRAPHQL_RESOLVERS);
    return printSortedSchema(schema);
  } finally {
    await app.close();
  }
}
