import { Module } from '@nestjs/common';
import { RegisterService } from './register.service.js';

/** The population-register extract (CSDL dân cư), the reference members are verified against. */
@Module({ providers: [RegisterService], exports: [RegisterService] })
export class RegisterModule {}
