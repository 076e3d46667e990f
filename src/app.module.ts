import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './accounts/access.guard.js';
import type { PersonalDataKey } from './personal-data/personal-data-key.js';
import { DomainErrorFilter } from './common/graphql/domain-error.filter.js';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphqlError } from './common/graphql/format-error.js';
import { MAX_QUERY_TOKENS, queryLimitRules } from './common/graphql/query-limits.js';
import { controlCharactersPlugin } from './common/graphql/control-characters.plugin.js';
import type { AppConfig } from './config/app-config.js';
import { coreModules } from './core-modules.js';
import { ReportSchedulingModule } from './reports/reports.module.js';
import { HealthModule } from './database/health/health.module.js';

/** Options shared by the running server and the schema generator (sorted, code-first). */
export const GRAPHQL_SCHEMA_OPTIONS = { sortSchema: true } as const;

@Module({})
export class AppModule {
  /** The whole product on one database URL (migrations already applied by the caller). */
  static forRoot(config: AppConfig, databaseUrl: string, key: PersonalDataKey): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config, databaseUrl, key),
        ReportSchedulingModule,
        HealthModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          ...GRAPHQL_SCHEMA_OPTIONS,
          path: '/graphql',
          playground: false,
          introspection: config.graphqlDevTools,
          includeStacktraceInErrorResponses: false,
          formatError: formatGraphqlError,
          // Guards (the AccessGuard) and filters run on field resolvers too: nested paths are checked.
          fieldResolverEnhancers: ['guards', 'filters'],
          context: ({ req }: { req: unknown }) => ({ req }),
          // Forms and simple GETs cannot post a query: only JSON or a preflighted header (file uploads use their own endpoint).
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          validationRules: queryLimitRules(undefined, { introspection: config.graphqlDevTools }),
          // No HTTP cache hints are used: without the cache-control plugin no field resolver is wrapped per request.
          plugins: [controlCharactersPlugin, ApolloServerPluginCacheControlDisabled()],
          parseOptions: { maxTokens: MAX_QUERY_TOKENS },
        }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_GUARD, useExisting: AccessGuard },
      ],
    };
  }
}
