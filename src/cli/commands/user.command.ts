// `lienthong user create|disable|list`: the people who log in (password + TOTP).
import type { Command } from 'commander';
import { AuthService } from '../../accounts/auth.service.js';
import type { Role } from '../../access/role.js';
import { cliCaller, log, readStdin, withServices, writeLines } from '../kit/cli-kit.js';
import { ROLE_CHOICES, roleOption } from '../kit/cli-options.js';

interface CreateOptions {
  username: string;
  role: Role;
  org?: string;
  unit?: string;
  passwordStdin?: boolean;
}

export function userCommands(program: Command): void {
  const user = program.command('user').description('users who log in (password + TOTP)');
  user
    .command('create')
    .description('create a user; prints the password (when generated) and the TOTP enrolment secret')
    .requiredOption('--username <U>', 'log-in name (a-z, 0-9, . _ -)')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'SECRETARIAT: the organization it keeps')
    .option('--unit <U>', 'SECRETARIAT: keep it to this unit and its subtree')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(createUser);
  user
    .command('disable')
    .description('stop a user from logging in and end their sessions')
    .requiredOption('--username <U>', 'log-in name')
    .action(async (o: { username: string }) => {
      await withServices(async (app) => {
        const u = await app.get(AuthService).disableUser(o.username, cliCaller());
        log(`đã khóa tài khoản ${u.username} và kết thúc các phiên của tài khoản`);
      });
    });
  user
    .command('list')
    .description('list users (username, role, organization, disabled)')
    .action(async () => {
      await withServices(async (app) => {
        for (const u of await app.get(AuthService).listUsers())
          process.stdout.write(`${u.username}\t${u.role}\t${u.organizationCode ?? ''}\t${u.disabledAt ? 'đã khóa' : 'đang dùng'}\n`);
      });
    });
}

async function createUser(o: CreateOptions): Promise<void> {
  const password = o.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : null;
  await withServices(async (app) => {
    const created = await app
      .get(AuthService)
      .createUser({ username: o.username, role: o.role, organization: o.org, unit: o.unit, password }, cliCaller());
    log(
      `đã tạo tài khoản ${created.user.username} (${created.user.role}${created.user.organizationCode ? ` ${created.user.organizationCode}` : ''})`,
    );
    log('thêm mã bí mật TOTP vào ứng dụng xác thực (hoặc mở liên kết otpauth dưới dạng mã QR); mã chỉ hiện lần này');
    const out = [`username\t${created.user.username}`];
    if (created.generatedPassword) out.push(`password\t${created.generatedPassword}`);
    out.push(`totp-secret\t${created.totpSecret}`, `otpauth-uri\t${created.otpauthUri}`);
    writeLines(out);
  });
}
