import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DomainErrorFilter } from './common/graphql/domain-error.filter.js';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUnitsModule } from './admin-units/admin-units.module.js';
import { formatGraphqlError } from './common/graphql/format-error.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { MembershipModule } from './membership/membership.module.js';
import { BUILT_IN_ORGANIZATIONS } from './organizations/index.js';

/** Options shared by the running server and the schema generator (sorted, code-first). */
export const GRAPHQL_SCHEMA_OPTIONS = { sortSchema: true } as const;

@Module({})
export class AppModule {
  /** The whole product on one database URL (migrations already applied by the caller). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrations: [] }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          ...GRAPHQL_SCHEMA_OPTIONS,
          path: '/graphql',
          playground: false,
          introspection: !config.production,
          includeStacktraceInErrorResponses: false,
          formatError: formatGraphqlError,
        }),
        AdminUnitsModule,
        MembershipModule.register(BUILT_IN_ORGANIZATIONS),
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
