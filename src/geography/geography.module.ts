import { Module } from '@nestjs/common';
import { GeographyResolver } from './geography.resolver.js';
import { GeographyService } from './geography.service.js';

@Module({ providers: [GeographyService, GeographyResolver], exports: [GeographyService] })
export class GeographyModule {}
