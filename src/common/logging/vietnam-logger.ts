import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { vietnamTime } from '../dates/vietnam-time.js';

/**
 * Colours only for a person at a terminal: journald, a pipe or a file would keep the escape codes
 * as text (`NO_COLOR`, https://no-color.org, turns them off everywhere).
 */
export function logColors(env: NodeJS.ProcessEnv, streams: { isTTY?: boolean }[]): boolean {
  return !env.NO_COLOR && streams.every((s) => s.isTTY === true);
}

/** Nest's console logger with the time as a person here reads it: dd/mm/yyyy HH:mm, Vietnam time. */
export class VietnamLogger extends ConsoleLogger {
  constructor(levels: LogLevel[]) {
    // Nest writes `log`/`warn` to standard output and `error` to standard error.
    super({ logLevels: levels, prefix: 'lienthong', colors: logColors(process.env, [process.stdout, process.stderr]) });
  }

  protected override getTimestamp(): string {
    return vietnamTime(new Date());
  }
}
