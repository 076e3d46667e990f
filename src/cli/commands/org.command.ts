// `lienthong org list|units|add`: the organizations, their units (the codes `user create --unit` takes), and associations added as data.
import type { Command } from 'commander';
import { foldText } from '../../common/text/vietnamese-text.js';
import { GeographyService } from '../../geography/geography.service.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { cliCaller, log, UsageError, withServices } from '../kit/cli-kit.js';
import { int } from '../kit/cli-options.js';

interface AddOptions {
  code: string;
  name: string;
  memberTerm: string;
  minAge?: number;
  maxAge?: number;
  sex?: string;
  inactivityMonths?: number;
}

export function orgCommands(program: Command): void {
  const org = program.command('org').description('các tổ chức và hội');
  org.command('list').description('liệt kê các tổ chức (mã, cách gọi thành viên, tên)').action(listOrganizations);
  org
    .command('units')
    .description(
      'các đơn vị của một tổ chức theo thứ tự cây, cách nhau bằng tab: mã, tên, xã, mã đơn vị cấp trên (mã là giá trị `user create --unit` nhận)',
    )
    .requiredOption('--org <CODE>', 'mã tổ chức (ví dụ HPN)')
    .option('--search <text>', 'chỉ các đơn vị có tên hoặc tên xã chứa chữ này (không phân biệt dấu, chữ hoa chữ thường)')
    .action(listUnits);
  org
    .command('add')
    .description('thêm một hội (thêm như dữ liệu: không cần nâng cấp cơ sở dữ liệu, không cần khởi động lại)')
    .requiredOption('--code <CODE>', 'mã hội, chữ in hoa (ví dụ CTD)')
    .requiredOption('--name <name>', 'tên đầy đủ (ví dụ "Hội Chữ thập đỏ")')
    .option('--member-term <term>', 'cách gọi thành viên', 'hội viên')
    .option('--min-age <n>', 'tuổi tối thiểu', int('--min-age'))
    .option('--max-age <n>', 'tuổi tối đa', int('--max-age'))
    .option('--sex <MALE|FEMALE>', 'chỉ nhận thành viên giới tính này: MALE (nam) hoặc FEMALE (nữ)')
    .option('--inactivity-months <n>', 'số tháng không sinh hoạt thì thành viên bị coi là không còn sinh hoạt', int('--inactivity-months'))
    .action(addAssociation);
}

async function listUnits(o: { org: string; search?: string }): Promise<void> {
  await withServices(async (app) => {
    const organization = o.org.trim().toUpperCase();
    await app.get(OrganizationsService).get(organization); // an unknown code: refused in words
    const wanted = o.search ? foldText(o.search) : null;
    const units = await app.get(UnitsService).list(organization, null, { kind: 'ALL' });
    const communes = app.get(GeographyService);
    let shown = 0;
    for (const u of units) {
      const commune = u.communeCode ? (communes.commune(u.communeCode)?.name ?? u.communeCode) : '';
      if (wanted && !foldText(`${u.name} ${commune}`).includes(wanted)) continue;
      process.stdout.write(`${u.code}\t${u.name}\t${commune}\t${u.parent?.code ?? ''}\n`);
      shown++;
    }
    if (o.search && !shown)
      log(
        `không có đơn vị nào của ${organization} có tên hoặc tên xã chứa '${o.search}': thử chữ khác, hoặc xem tất cả bằng lienthong org units --org ${organization}`,
      );
  });
}

async function listOrganizations(): Promise<void> {
  await withServices((app) => {
    const service = app.get(OrganizationsService);
    for (const { definition: d, builtIn } of service.list())
      process.stdout.write(`${d.code}\t${d.memberTerm}\t${d.name}${builtIn ? '' : '\t(hội do quản trị viên thêm)'}\n`);
    return Promise.resolve();
  });
}

async function addAssociation(o: AddOptions): Promise<void> {
  if (!/^[A-Z][A-Z0-9_]{1,15}$/.test(o.code))
    throw new UsageError(`--code '${o.code}': 2–16 chữ in hoa không dấu, chữ số hoặc _, bắt đầu bằng chữ`);
  if (o.sex && o.sex !== 'MALE' && o.sex !== 'FEMALE') throw new UsageError(`--sex '${o.sex}': MALE (nam) hoặc FEMALE (nữ)`);
  await withServices(async (app) => {
    const def = await app.get(OrganizationsService).createAssociation({ ...o, sex: o.sex as 'MALE' | 'FEMALE' | undefined }, cliCaller());
    log(`đã thêm ${def.code}: ${def.name}`);
    process.stdout.write(`${def.code}\n`);
  });
}
