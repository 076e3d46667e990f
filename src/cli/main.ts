import 'reflect-metadata';
import type { Command } from 'commander';
import { newProgram, runCli } from './kit/cli-kit.js';
import { orgCommands } from './commands/org.command.js';
import { userCommands } from './commands/user.command.js';
import { importCommand } from './commands/import.command.js';
import { importUndoCommand } from './commands/import-undo.command.js';
import { registerCommand } from './commands/register.command.js';
import { seedCommand } from './commands/seed.command.js';
import { exportCommands } from './commands/export.command.js';
import { linkCommand } from './commands/link.command.js';
import { auditCommand } from './commands/audit.command.js';
import { reportCommand } from './commands/report.command.js';
import { tokenCommands } from './commands/token.command.js';
import { backupCommands } from './commands/backup.command.js';

/**
 * `lienthong <command>`: run on the server itself, as a local administrator (`kit/cli-kit.ts`).
 * One file per topic in `commands/`; they are added here in the order `--help` lists them.
 */
export function buildProgram(): Command {
  const program = newProgram();
  for (const add of [
    orgCommands,
    userCommands,
    importCommand,
    importUndoCommand,
    registerCommand,
    seedCommand,
    exportCommands,
    linkCommand,
    auditCommand,
    reportCommand,
    tokenCommands,
    backupCommands,
  ])
    add(program);
  return program;
}

void runCli(buildProgram);
