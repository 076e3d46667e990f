// `lienthong token create|list|revoke`: service tokens for scheduled jobs and integrations.
import type { Command } from 'commander';
import { ServiceTokens } from '../../accounts/service-tokens.service.js';
import type { Role } from '../../access/role.js';
import type { AccessToken } from '../../accounts/access-token.entity.js';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { UnitsService } from '../../membership/unit/units.service.js';
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
    .command('list')
    .description(
      'list service tokens, tab-separated: id, name, role, organization, unit, state (đang dùng, hết hạn or đã thu hồi, with when), created',
    )
    .action(listTokens);
  token
    .command('revoke')
    .description('revoke a service token by id')
    .requiredOption('--id <ID>', 'the token id (printed by `token create` on standard error, and by `token list`)')
    .action(async (o: { id: string }) => {
      await withServices(async (app) => {
        const { token: t, revokedNow } = await app.get(ServiceTokens).revoke(o.id, cliCaller());
        log(
          revokedNow
            ? `đã thu hồi khóa kết nối '${t.name}'`
            : `khóa kết nối '${t.name}' đã thu hồi từ trước, lúc ${vietnamTime(t.revokedAt!)}: không đổi gì`,
        );
      });
    });
}

async function createToken(o: CreateOptions): Promise<void> {
  await withServices(async (app) => {
    const { token: value, record } = await app
      .get(ServiceTokens)
      .create({ name: o.name, role: o.role, organization: o.org, unit: o.unit, expiresInDays: o.expiresDays }, cliCaller());
    const scope = [record.role, record.organizationCode, o.unit].filter(Boolean).join(' ');
    const until = record.expiresAt ? `dùng đến ${vietnamTime(record.expiresAt)}` : 'dùng đến khi thu hồi';
    log(`đã tạo khóa kết nối '${record.name}' (${scope}, id ${record.id}, ${until}); mã chỉ hiện lần này`);
    process.stdout.write(`${value}\n`);
  });
}

/** Whether a token still works, and since when it does not. */
function tokenState(t: AccessToken, now: Date): string {
  if (t.revokedAt) return `đã thu hồi ${vietnamTime(t.revokedAt)}`;
  if (t.expiresAt && t.expiresAt <= now) return `hết hạn ${vietnamTime(t.expiresAt)}`;
  return t.expiresAt ? `đang dùng, hết hạn ${vietnamTime(t.expiresAt)}` : 'đang dùng';
}

async function listTokens(): Promise<void> {
  await withServices(async (app) => {
    const tokens = await app.get(ServiceTokens).list();
    const units = await app.get(UnitsService).byIds(tokens.flatMap((t) => (t.unitId ? [t.unitId] : [])));
    const now = new Date();
    for (const t of tokens) {
      const unit = t.unitId ? (units.get(t.unitId)?.code ?? '') : '';
      process.stdout.write(
        `${t.id}\t${t.name ?? ''}\t${t.role ?? ''}\t${t.organizationCode ?? ''}\t${unit}\t${tokenState(t, now)}\t${vietnamTime(t.createdAt)}\n`,
      );
    }
  });
}
