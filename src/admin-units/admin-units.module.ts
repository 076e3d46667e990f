import { Module } from '@nestjs/common';
import { AdminUnitsResolver } from './admin-units.resolver.js';
import { AdminUnitsService } from './admin-units.service.js';

@Module({ providers: [AdminUnitsService, AdminUnitsResolver], exports: [AdminUnitsService] })
export class AdminUnitsModule {}
