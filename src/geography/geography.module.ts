import { Module } from '@nestjs/common';
import { CommuneFieldsResolver } from './commune-fields.resolver.js';
import { GeographyResolver } from './geography.resolver.js';
import { GeographyService } from './geography.service.js';

@Module({ providers: [GeographyService, GeographyResolver, CommuneFieldsResolver], exports: [GeographyService] })
export class GeographyModule {}
