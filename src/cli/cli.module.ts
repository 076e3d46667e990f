import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { dataSourceOptions } from '../database/data-source.js';
import { MembershipModule } from '../membership/membership.module.js';
import { BUILT_IN_ORGANIZATIONS } from '../organizations/index.js';

/** The services the CLI drives, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrations: [] }),
        MembershipModule.register(BUILT_IN_ORGANIZATIONS),
      ],
    };
  }
}
