// `lienthong token create|list|revoke`: service tokens for scheduled jobs and integrations.
import type { Command } from 'commander';
import { ServiceTokens } from '../../accounts/service-tokens.service.js';
import type { Role } from '../../access/role.js';
import type { AccessToken } from '../../accounts/access-token.entity.js';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { cliCaller, log, withServices, writeHeader } from '../kit/cli-kit.js';
import { int, ROLE_CHOICES, roleOption } from '../kit/cli-options.js';

interface CreateOptions {
  name: string;
  role: Role;
  org?: string;
  unit?: string;
  expiresDays?: number;
  readOnly?: boolean;
}

export function tokenCommands(program: Command): void {
  const token = program.command('token').description('khóa kết nối cho các việc chạy theo lịch và các hệ thống kết nối');
  token
    .command('create')
    .description('tạo khóa kết nối; mã khóa là dòng cuối của đầu ra chuẩn, stdout (chỉ hiện lần này)')
    .requiredOption('--name <N>', 'tên gợi nhớ: việc hoặc hệ thống dùng khóa (ví dụ "bao-cao-thang")')
    .requiredOption('--role <ROLE>', ROLE_CHOICES, roleOption)
    .option('--org <CODE>', 'với SECRETARIAT: mã tổ chức')
    .option('--unit <U>', 'với SECRETARIAT: chỉ đơn vị này và các đơn vị trực thuộc (mã đơn vị)')
    .option('--expires-days <n>', 'số ngày đến khi hết hạn (mặc định: dùng đến khi thu hồi)', int('--expires-days'))
    .option('--read-only', 'chỉ đọc: không sửa, không nhập, không xuất số đầy đủ (một hệ thống chỉ đọc danh sách)')
    .action(createToken);
  token
    .command('list')
    .description(
      'liệt kê khóa kết nối, cách nhau bằng tab: id, tên, vai trò, tổ chức, đơn vị, trạng thái (đang dùng, hết hạn hoặc đã thu hồi, kèm thời điểm), ngày tạo',
    )
    .action(listTokens);
  token
    .command('revoke')
    .description('thu hồi một khóa kết nối theo id')
    .requiredOption('--id <ID>', 'id của khóa (do `token create` in ở đầu ra lỗi, stderr, và ở cột đầu của `token list`)')
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
      .create(
        { name: o.name, role: o.role, organization: o.org, unit: o.unit, expiresInDays: o.expiresDays, readOnly: o.readOnly },
        cliCaller(),
      );
    const scope = [record.role, record.organizationCode, o.unit, record.readOnly && 'chỉ đọc'].filter(Boolean).join(' ');
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
    writeHeader(['id', 'tên', 'vai trò', 'tổ chức', 'đơn vị', 'trạng thái', 'tạo lúc']);
    for (const t of tokens) {
      const unit = t.unitId ? (units.get(t.unitId)?.code ?? '') : '';
      process.stdout.write(
        `${t.id}\t${t.name ?? ''}\t${t.role ?? ''}\t${t.organizationCode ?? ''}\t${unit}\t${tokenState(t, now)}\t${vietnamTime(t.createdAt)}\n`,
      );
    }
  });
}
