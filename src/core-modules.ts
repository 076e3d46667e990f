import type { DynamicModule, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { MembershipModule } from './membership/membership.module.js';
import { BUILT_IN_ORGANIZATIONS } from './organizations/index.js';
import { RegisterModule } from './register/register.module.js';
import { LinkerModule } from './linker/linker.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RosterIoModule } from './roster-io/roster-io.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import type { PersonalDataKey } from './personal-data/personal-data-key.js';

/** What the server and the CLI share: configuration, the key, the database, the membership core and access. */
export function coreModules(config: AppConfig, databaseUrl: string, key: PersonalDataKey): (DynamicModule | Type)[] {
  return [
    ConfigModule.forRoot(config),
    PersonalDataModule.forRoot(key),
    TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrations: [] }),
    MembershipModule.register(BUILT_IN_ORGANIZATIONS),
    AccessModule,
    RosterIoModule,
    RegisterModule,
    LinkerModule,
    ReportsModule,
  ];
}
