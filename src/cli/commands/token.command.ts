// `lienthong token create|revoke`: service tokens for scheduled jobs and integrations.
import type { Command } from 'commander';
import { AuthService } from '../../accounts/auth.service.js';
import type { Role } from '../../access/role.js';
import { cliCaller, log, withServices } from '../kit/cli-kit.js';
import { int, ROLE_CHOICES, roleOption } from '../kit/cli-options.js';

interface CreateOptions {
  name: string;
  role: Role;
  org?: string;
  unit?: string;
  expiresDays?: number;
}

export function tokenCommands(program: Command): void {
  const token = program.command('token').description('service tokens for scheduled jobs and integrations');
  token
    .command('create')
    .description('create a service token; the token is the last line of standard output')
    .requiredOption('--name <N>', 'what uses it (e.g. "monthly-report")')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'SECRETARIAT: the organization')
    .option('--unit <U>', 'SECRETARIAT: the unit subtree')
    .option('--expires-days <n>', 'days until it expires (default: until revoked)', int('--expires-days'))
    .action(createToken);
  token
    .command('revoke')
    .description('revoke a service token by id')
    .requiredOption('--id <ID>', 'the token id (printed by `token create` on standard error)')
    .action(async (o: { id: string }) => {
      await withServices(async (app) => {
        const t = await app.get(AuthService).revokeServiceToken(o.id, cliCaller());
        log(`đã thu hồi mã truy cập dịch vụ '${t.name}'`);
      });
    });
}

async function createToken(o: CreateOptions): Promise<void> {
  await withServices(async (app) => {
    const { token: value, record } = await app
      .get(AuthService)
      .createServiceToken({ name: o.name, role: o.role, organization: o.org, unit: o.unit, expiresInDays: o.expiresDays }, cliCaller());
    log(`đã tạo mã truy cập dịch vụ '${record.name}' (${record.role}, id ${record.id}); mã chỉ hiện lần này`);
    process.stdout.write(`${value}\n`);
  });
}
