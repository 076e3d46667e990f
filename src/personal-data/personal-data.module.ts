import { Module } from '@nestjs/common';
import { SecretVault } from './secret-vault.js';

/**
 * The vault that seals ID numbers and TOTP secrets with the instance key. The key itself
 * (`PERSONAL_DATA_KEY`) is loaded at start-up and handed down with the configuration (ConfigModule).
 */
@Module({ providers: [SecretVault], exports: [SecretVault] })
export class PersonalDataModule {}
