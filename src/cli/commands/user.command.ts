// `lienthong user create|reset|disable|enable|scope|list`: the people who log in (password + TOTP, set at their first log-in).
import type { Command } from 'commander';
import { AuthService } from '../../accounts/auth.service.js';
import { ENROLMENT_HOURS } from '../../accounts/enrolment-password.js';
import { EnrolmentService } from '../../accounts/enrolment.service.js';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import type { Role } from '../../access/role.js';
import { UnitsService } from '../../membership/unit/units.service.js';
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
    .description('create a user; prints a one-time enrolment password (72 hours) for her first log-in')
    .requiredOption('--username <U>', 'log-in name (a-z, 0-9, . _ -)')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'SECRETARIAT: the organization it keeps')
    .option('--unit <U>', 'SECRETARIAT: keep it to this unit and its subtree')
    .option('--password-stdin', 'read the enrolment password from standard input instead of generating one')
    .action(createUser);
  user
    .command('reset')
    .description('a new enrolment password: her password and TOTP are cleared, her sessions end at once')
    .argument('<USERNAME>', 'log-in name')
    .action(async (username: string) => {
      await withServices(async (app) => {
        const r = await app.get(EnrolmentService).reset(username, cliCaller());
        log(`đã đặt lại tài khoản ${r.user.username}: mật khẩu và mã xác thực cũ hết dùng được, các phiên đang mở đã kết thúc`);
        if (r.user.disabledAt)
          log(
            `tài khoản ${r.user.username} đang bị khóa: mở khóa (user enable --username ${r.user.username}) thì mật khẩu lần đầu dưới đây mới dùng được`,
          );
        handOver(r.user.username, r.enrolmentPassword, r.enrolmentExpiresAt);
      });
    });
  user
    .command('disable')
    .description('stop a user from logging in and end their sessions')
    .requiredOption('--username <U>', 'log-in name')
    .action(async (o: { username: string }) => {
      await withServices(async (app) => {
        const u = await app.get(AuthService).setUserLocked(o.username, cliCaller(), true);
        log(`đã khóa tài khoản ${u.username} và kết thúc các phiên của tài khoản`);
      });
    });
  user
    .command('enable')
    .description('let a locked user log in again (password and code as they were)')
    .requiredOption('--username <U>', 'log-in name')
    .action(async (o: { username: string }) => {
      await withServices(async (app) => {
        const u = await app.get(AuthService).setUserLocked(o.username, cliCaller(), false);
        log(`đã mở khóa tài khoản ${u.username}: đăng nhập lại được bằng mật khẩu và mã xác thực như trước`);
      });
    });
  user
    .command('scope')
    .description('give a user another role or scope (her sessions end; she logs in again with her password and code)')
    .requiredOption('--username <U>', 'log-in name')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'SECRETARIAT: the organization it keeps')
    .option('--unit <U>', 'SECRETARIAT: keep it to this unit and its subtree')
    .action(changeScope);
  user
    .command('list')
    .description(
      'list users, tab-separated: username, role, organization, locked or not, unit (a secretariat kept to one), enrolled or not',
    )
    .action(async () => {
      await withServices(async (app) => {
        const users = await app.get(AuthService).listUsers();
        const units = await app.get(UnitsService).byIds(users.flatMap((u) => (u.unitId ? [u.unitId] : [])));
        for (const u of users) {
          const unit = u.unitId ? (units.get(u.unitId)?.code ?? '') : '';
          const enrolled = u.passwordHash !== null && u.totpSecretSealed !== null ? 'đã kích hoạt' : 'chưa kích hoạt';
          process.stdout.write(
            `${u.username}\t${u.role}\t${u.organizationCode ?? ''}\t${u.disabledAt ? 'đã khóa' : 'đang dùng'}\t${unit}\t${enrolled}\n`,
          );
        }
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
    handOver(created.user.username, created.enrolmentPassword, created.enrolmentExpiresAt);
  });
}

/** The enrolment password and what she does with it: in Vietnamese on stderr, as `name\tvalue` lines on stdout. */
function handOver(username: string, password: string, expiresAt: Date): void {
  const until = vietnamTime(expiresAt);
  log(`mật khẩu lần đầu (chỉ hiện lần này) dùng được một lần, trong ${ENROLMENT_HOURS} giờ: đến ${until} (giờ Việt Nam)`);
  log(
    `trao cho người dùng tên đăng nhập và mật khẩu lần đầu; người đó mở Liên Thông trên trình duyệt, chọn "Kích hoạt tài khoản", ` +
      'quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…), đặt mật khẩu của mình và nhập mã 6 số',
  );
  log(`nếu quá hạn hoặc lộ mật khẩu lần đầu, cấp lại: lienthong user reset ${username}`);
  writeLines([`username\t${username}`, `enrolment-password\t${password}`, `enrolment-expires\t${until}`]);
}

async function changeScope(o: { username: string; role: Role; org?: string; unit?: string }): Promise<void> {
  await withServices(async (app) => {
    const { user: u, changed } = await app
      .get(AuthService)
      .changeUserScope(o.username, { role: o.role, organization: o.org, unit: o.unit }, cliCaller());
    const scope = [u.organizationCode, o.unit].filter(Boolean).join(' / ');
    if (!changed)
      return log(`tài khoản ${u.username} đã có vai trò ${u.role}${scope ? ` (${scope})` : ''}: không đổi gì, các phiên vẫn mở`);
    log(
      `tài khoản ${u.username}: vai trò ${u.role}${scope ? ` (${scope})` : ''}; các phiên đang mở đã kết thúc, đăng nhập lại để dùng quyền mới`,
    );
  });
}
