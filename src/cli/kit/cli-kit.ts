// What every command of `lienthong` shares: the application it drives, the caller it acts as,
// where its lines go, and how it ends (exit codes).
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError } from 'commander';
import { userInfo } from 'node:os';
import { DomainError } from '../../common/errors/domain-error.js';
import { VietnamLogger } from '../../common/logging/vietnam-logger.js';
import { loadConfig } from '../../config/app-config.js';
import { openDatabase } from '../../database/open-database.js';
import { cliPrincipal, type Principal } from '../../access/principal.js';
import { CliModule } from './cli.module.js';
import { fileSystemMessage, vietnameseUsageError } from './cli-messages.js';
import { vietnameseHelp } from './cli-help.js';
import { versionLine } from '../../database/product-version.js';

/**
 * `lienthong <command>`: run on the server itself, as a local administrator. Results go to
 * standard output, every log line to standard error. Exit 0 when the work was done, non-zero
 * with a one-line reason when it could not be.
 */
export const log = (m: string) => process.stderr.write(`[lienthong] ${m}\n`);

/** Bad options found after parsing: one line on standard error, exit code 2. */
export class UsageError extends Error {}

/** The local administrator running the command, as the services see a caller. */
export const cliCaller = (): Principal => cliPrincipal(userInfo().username);

/** The program with its Vietnamese help and usage errors; commands are added by `commands/<topic>.command.ts`. */
export function newProgram(): Command {
  return vietnameseHelp(new Command('lienthong'))
    .description(
      'Liên Thông — phần mềm quản lý đoàn viên, hội viên của Mặt trận và các đoàn thể; các lệnh chạy trên chính máy chủ, với quyền quản trị',
    )
    .version(versionLine(), '-V, --version', 'in phiên bản của chương trình và của cấu trúc dữ liệu')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(vietnameseUsageError(s)) });
}

/** Opens the database (started here or shared with a running server) and the services, for one command. */
export async function withServices<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config, log);
  let app: INestApplicationContext | null = null;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url, db.key), { logger: new VietnamLogger(['error']) });
    return await fn(app);
  } finally {
    await app?.close();
    await db.release();
  }
}

/** Lines of `name\tvalue` (or any lines) on standard output, each ended by a newline. */
export function writeLines(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The columns of a list's tab-separated lines, named on standard error: standard output stays the rows alone, as scripts read them. */
export function writeHeader(columns: string[]): void {
  process.stderr.write(`${columns.join('\t')}\n`);
}

/** On a terminal, one line rewritten in place; otherwise nothing until the summary. */
export function progressLine(): (text: string | null) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (text) => process.stderr.write(text === null ? '\n' : `\r\x1b[K${text}`);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs the program; exit 2 for a usage error (Commander's or ours), 1 for work that could not be done. */
export async function runCli(buildProgram: () => Command): Promise<void> {
  // Its output read by a reader that stopped early (`| head`, `| grep -m1`): the rest is dropped and
  // the command ends as it would, its database let go of — never a crash with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`lienthong: không ghi được ra đầu ra chuẩn: ${e.message}\n`);
    process.exitCode = 1;
  });
  // Nothing left to wait for while the command has not ended (a stream that failed without a word):
  // never an exit 0 as if it were done.
  let ended = false;
  process.once('beforeExit', () => {
    if (ended) return;
    process.stderr.write('lienthong: lệnh dừng giữa chừng, chưa xong (một tệp hoặc kết nối không trả lời): hãy chạy lại\n');
    process.exit(1);
  });
  try {
    await buildProgram().parseAsync(process.argv);
    ended = true;
  } catch (e) {
    ended = true;
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof UsageError) {
      process.stderr.write(`lienthong: ${e.message}\n`);
      process.exit(2);
    }
    const message = fileSystemMessage(e) ?? (e instanceof DomainError || e instanceof Error ? e.message : String(e));
    process.stderr.write(`lienthong: ${message}\n`);
    process.exit(1);
  }
}
