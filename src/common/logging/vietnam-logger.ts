import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { vietnamTime } from '../dates/vietnam-time.js';

/** Nest's console logger with the time as a person here reads it: dd/mm/yyyy HH:mm, Vietnam time. */
export class VietnamLogger extends ConsoleLogger {
  constructor(levels: LogLevel[]) {
    super({ logLevels: levels, prefix: 'lienthong' });
  }

  protected override getTimestamp(): string {
    return vietnamTime(new Date());
  }
}
