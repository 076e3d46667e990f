import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError, InvalidArgumentError } from 'commander';

/** Bad options found after parsing: one line on standard error, exit code 2. */
class UsageError extends Error {}
import { DomainError } from '../common/errors/domain-error.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/open-database.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { CliModule } from './cli.module.js';

/**
 * `lienthong <command>`: run on the server itself, as a local administrator. Results go to
 * standard output, every log line to standard error. Exit 0 when the work was done, non-zero
 * with a one-line reason when it could not be.
 */
const log = (m: string) => process.stderr.write(`[lienthong] ${m}\n`);

async function withServices<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config, log);
  let app: INestApplicationContext | null = null;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url), { logger: ['error'] });
    return await fn(app);
  } finally {
    await app?.close();
    await db.release();
  }
}

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};

export function buildProgram(): Command {
  const program = new Command('lienthong')
    .description('Liên Thông — member registry of the mass organizations')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const org = program.command('org').description('organizations and associations');
  org
    .command('list')
    .description('list organizations (code, member term, name)')
    .action(async () => {
      await withServices((app) => {
        const service = app.get(OrganizationsService);
        for (const { definition: d, builtIn } of service.list())
          process.stdout.write(`${d.code}\t${d.memberTerm}\t${d.name}${builtIn ? '' : '\t(hội do quản trị viên thêm)'}\n`);
        return Promise.resolve();
      });
    });
  org
    .command('add')
    .description('add an association as data (no migration, no restart)')
    .requiredOption('--code <CODE>', 'code, upper case (e.g. CTD)')
    .requiredOption('--name <name>', 'full name (e.g. "Hội Chữ thập đỏ")')
    .option('--member-term <term>', 'what a member is called', 'hội viên')
    .option('--min-age <n>', 'minimum age', int('--min-age'))
    .option('--max-age <n>', 'maximum age', int('--max-age'))
    .option('--sex <MALE|FEMALE>', 'only members of this sex')
    .option('--inactivity-months <n>', 'months without activity before a member counts as inactive', int('--inactivity-months'))
    .action(
      async (o: {
        code: string;
        name: string;
        memberTerm: string;
        minAge?: number;
        maxAge?: number;
        sex?: string;
        inactivityMonths?: number;
      }) => {
        if (!/^[A-Z][A-Z0-9_]{1,15}$/.test(o.code)) throw new UsageError(`--code '${o.code}': 2–16 upper-case letters, digits or _`);
        if (o.sex && o.sex !== 'MALE' && o.sex !== 'FEMALE') throw new UsageError(`--sex '${o.sex}': MALE or FEMALE`);
        await withServices(async (app) => {
          const def = await app.get(OrganizationsService).createAssociation({ ...o, sex: o.sex as 'MALE' | 'FEMALE' | undefined });
          log(`added ${def.code}: ${def.name}`);
          process.stdout.write(`${def.code}\n`);
        });
      },
    );
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof UsageError) {
      process.stderr.write(`lienthong: ${e.message}\n`);
      process.exit(2);
    }
    const message = e instanceof DomainError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`lienthong: ${message}\n`);
    process.exit(1);
  }
}

void main();
