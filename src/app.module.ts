import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DomainErrorFilter } from './common/graphql/domain-error.filter.js';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphqlError } from './common/graphql/format-error.js';
import type { AppConfig } from './config/app-config.js';
import { coreModules } from './core-modules.js';

/** Options shared by the running server and the schema generator (sorted, code-first). */
export const GRAPHQL_SCHEMA_OPTIONS = { sortSchema: true } as const;

@Module({})
export class AppModule {
  /** The whole product on one database URL (migrations already applied by the caller). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config, databaseUrl),
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
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
