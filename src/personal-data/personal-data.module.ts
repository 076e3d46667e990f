import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { SecretVault, PERSONAL_DATA_KEY } from './secret-vault.js';
import type { PersonalDataKey } from './personal-data-key.js';

/** The instance key, the vault that uses it and the audit log: available to every module. */
@Global()
@Module({})
export class PersonalDataModule {
  static forRoot(key: PersonalDataKey): DynamicModule {
    return {
      module: PersonalDataModule,
      providers: [{ provide: PERSONAL_DATA_KEY, useValue: key }, SecretVault, AuditService],
      exports: [PERSONAL_DATA_KEY, SecretVault, AuditService],
    };
  }
}
