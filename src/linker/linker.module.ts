import { Module } from '@nestjs/common';
import { LinkerService } from './linker.service.js';

/** The linker: persons behind the records of every organization, with the register as a bridge. */
@Module({ providers: [LinkerService], exports: [LinkerService] })
export class LinkerModule {}
