import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { RegisterService } from './register.service.js';

/** The population-register extract (CSDL dân cư), the reference members are verified against. */
@Module({
  imports: [MembershipModule, PersonalDataModule, AuditModule],
  providers: [RegisterService],
  exports: [RegisterService],
})
export class RegisterModule {}
