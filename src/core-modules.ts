import type { DynamicModule, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module.js';
import { BackupsModule } from './backups/backups.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { ORGANIZATION_DEFINITIONS } from './membership/organization/organizations.service.js';
import { BUILT_IN_ORGANIZATIONS } from './organizations/index.js';
import { RegisterModule } from './register/register.module.js';
import { LinkerModule } from './linker/linker.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RosterIoModule } from './roster-io/roster-io.module.js';
import type { PersonalDataKey } from './personal-data/personal-data-key.js';
import { PERSONAL_DATA_KEY } from './personal-data/secret-vault.js';

/**
 * What the server and the CLI share: configuration with the key and the built-in organizations
 * (handed down to personal-data and membership, which cannot import them), the database, and the
 * features. Each feature module imports the modules it needs (membership, personal-data, audit).
 */
export function coreModules(config: AppConfig, databaseUrl: string, key: PersonalDataKey): (DynamicModule | Type)[] {
  return [
    ConfigModule.forRoot(
      config,
      { provide: PERSONAL_DATA_KEY, useValue: key },
      { provide: ORGANIZATION_DEFINITIONS, useValue: BUILT_IN_ORGANIZATIONS },
    ),
    TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrations: [] }),
    AccountsModule,
    RosterIoModule,
    RegisterModule,
    LinkerModule,
    ReportsModule,
    BackupsModule,
  ];
}
