import { Module } from '@nestjs/common';
import { ResidentsService } from './residents.service.js';

/** The population-register extract (CSDL dân cư), the reference members are verified against. */
@Module({ providers: [ResidentsService], exports: [ResidentsService] })
export class ResidentsModule {}
