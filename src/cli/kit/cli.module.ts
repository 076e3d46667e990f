import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { coreModules } from '../../core-modules.js';
import type { PersonalDataKey } from '../../personal-data/personal-data-key.js';

/** The services the CLI drives, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string, key: PersonalDataKey): DynamicModule {
    return { module: CliModule, imports: coreModules(config, databaseUrl, key) };
  }
}
