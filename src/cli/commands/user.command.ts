// `lienthong user create|reset|disable|enable|scope|list`: the people who log in (password + TOTP, set at their first log-in).
import type { Command } from 'commander';
import { AuthService } from '../../accounts/auth.service.js';
import { ENROLMENT_HOURS } from '../../accounts/enrolment-password.js';
import { EnrolmentService } from '../../accounts/enrolment.service.js';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import type { Role } from '../../access/role.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { cliCaller, log, readStdin, UsageError, withServices, writeHeader, writeLines } from '../kit/cli-kit.js';
import { ROLE_CHOICES, roleOption } from '../kit/cli-options.js';

interface CreateOptions {
  username: string;
  role: Role;
  org?: string;
  unit?: string;
  passwordStdin?: boolean;
}

export function userCommands(program: Command): void {
  const user = program.command('user').description('tài khoản đăng nhập (mật khẩu và mã xác thực TOTP)');
  user
    .command('create')
    .description(
      `tạo tài khoản; in mật khẩu lần đầu (dùng trong ${ENROLMENT_HOURS} giờ) để người dùng kích hoạt tài khoản ở lần đăng nhập đầu tiên`,
    )
    .requiredOption('--username <U>', 'tên đăng nhập (a-z, 0-9, . _ -)')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'với SECRETARIAT: mã tổ chức tài khoản quản lý')
    .option('--unit <U>', 'với SECRETARIAT: chỉ đơn vị này và các đơn vị trực thuộc (mã đơn vị, xem `org units`)')
    .option('--password-stdin', 'đọc mật khẩu lần đầu từ đầu vào chuẩn (stdin) thay vì tự sinh')
    .action(createUser);
  user
    .command('reset')
    .description(
      `cấp mật khẩu lần đầu mới (dùng trong ${ENROLMENT_HOURS} giờ): mật khẩu và mã xác thực cũ bị xóa, các phiên đang mở kết thúc ngay`,
    )
    .argument('[USERNAME]', 'tên đăng nhập (hoặc ghi bằng --username)')
    .option('--username <U>', 'tên đăng nhập (thay cho tham số USERNAME)')
    .action(resetUser);
  user
    .command('disable')
    .description('khóa tài khoản: không đăng nhập được nữa, các phiên đang mở kết thúc')
    .requiredOption('--username <U>', 'tên đăng nhập')
    .action(async (o: { username: string }) => {
      await withServices(async (app) => {
        const u = await app.get(AuthService).setUserLocked(o.username, cliCaller(), true);
        log(`đã khóa tài khoản ${u.username} và kết thúc các phiên của tài khoản`);
      });
    });
  user
    .command('enable')
    .description('mở khóa tài khoản: đăng nhập lại được bằng mật khẩu và mã xác thực như trước')
    .requiredOption('--username <U>', 'tên đăng nhập')
    .action(async (o: { username: string }) => {
      await withServices(async (app) => {
        const u = await app.get(AuthService).setUserLocked(o.username, cliCaller(), false);
        log(`đã mở khóa tài khoản ${u.username}: đăng nhập lại được bằng mật khẩu và mã xác thực như trước`);
      });
    });
  user
    .command('scope')
    .description(
      'đổi vai trò hoặc phạm vi của tài khoản (các phiên đang mở kết thúc; người dùng đăng nhập lại bằng mật khẩu và mã xác thực của mình)',
    )
    .requiredOption('--username <U>', 'tên đăng nhập')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'với SECRETARIAT: mã tổ chức tài khoản quản lý')
    .option('--unit <U>', 'với SECRETARIAT: chỉ đơn vị này và các đơn vị trực thuộc (mã đơn vị, xem `org units`)')
    .action(changeScope);
  user
    .command('list')
    .description(
      'liệt kê tài khoản, cách nhau bằng tab: tên đăng nhập, vai trò, tổ chức, đã khóa hay đang dùng, đơn vị (văn phòng chỉ quản lý một đơn vị), đã kích hoạt hay chưa',
    )
    .action(listUsers);
}

/** The name to reset: `user reset U` (as the README and scripts write it) or `user reset --username U`, as the other user commands take it. */
function resetTarget(positional: string | undefined, option: string | undefined): string {
  if (positional && option && positional !== option)
    throw new UsageError(`user reset: hai tên đăng nhập khác nhau ('${positional}' và '${option}'): chỉ ghi một tên`);
  const username = positional ?? option;
  if (!username) throw new UsageError('user reset: thiếu tên đăng nhập (user reset TÊN hoặc user reset --username TÊN)');
  return username;
}

async function resetUser(positional: string | undefined, o: { username?: string }): Promise<void> {
  const username = resetTarget(positional, o.username);
  await withServices(async (app) => {
    const r = await app.get(EnrolmentService).reset(username, cliCaller());
    log(`đã đặt lại tài khoản ${r.user.username}: mật khẩu và mã xác thực cũ hết dùng được, các phiên đang mở đã kết thúc`);
    if (r.user.disabledAt)
      log(
        `tài khoản ${r.user.username} đang bị khóa: mở khóa (user enable --username ${r.user.username}) thì mật khẩu lần đầu dưới đây mới dùng được`,
      );
    handOver(r.user.username, r.enrolmentPassword, r.enrolmentExpiresAt);
  });
}

async function listUsers(): Promise<void> {
  await withServices(async (app) => {
    const users = await app.get(AuthService).listUsers();
    const units = await app.get(UnitsService).byIds(users.flatMap((u) => (u.unitId ? [u.unitId] : [])));
    writeHeader(['tên đăng nhập', 'vai trò', 'tổ chức', 'trạng thái', 'đơn vị', 'kích hoạt']);
    for (const u of users) {
      const unit = u.unitId ? (units.get(u.unitId)?.code ?? '') : '';
      const enrolled = u.passwordHash !== null && u.totpSecretSealed !== null ? 'đã kích hoạt' : 'chưa kích hoạt';
      process.stdout.write(
        `${u.username}\t${u.role}\t${u.organizationCode ?? ''}\t${u.disabledAt ? 'đã khóa' : 'đang dùng'}\t${unit}\t${enrolled}\n`,
      );
    }
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
