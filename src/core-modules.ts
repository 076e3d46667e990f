import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { MembershipModule } from './membership/membership.module.js';
import { BUILT_IN_ORGANIZATIONS } from './organizations/index.js';

/** What the server and the CLI share: configuration, the database and the membership core. */
export function coreModules(config: AppConfig, databaseUrl: string): DynamicModule[] {
  return [
    ConfigModule.forRoot(config),
    TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrations: [] }),
    MembershipModule.register(BUILT_IN_ORGANIZATIONS),
  ];
}
