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
  const org = program.command('org').description('organizations and associations');
  org.command('list').description('list organizations (code, member term, name)').action(listOrganizations);
  org
    .command('units')
    .description(
      "an organization's units in tree order, tab-separated: code, name, commune, parent's code (what `user create --unit` takes)",
    )
    .requiredOption('--org <CODE>', 'organization code')
    .option('--search <text>', 'only units whose name or commune contains it (accents and case aside)')
    .action(listUnits);
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
    .action(addAssociation);
}

async function listUnits(o: { org: string; search?: string }): Promise<void> {
  await withServices(async (app) => {
    const organization = o.org.trim().toUpperCase();
    await app.get(OrganizationsService).get(organization); // an unknown code: refused in words
    const wanted = o.search ? foldText(o.search) : null;
    const units = await app.get(UnitsService).list(organization, null, { kind: 'ALL' });
    const communes = app.get(GeographyService);
    for (const u of units) {
      const commune = u.communeCode ? (communes.commune(u.communeCode)?.name ?? u.communeCode) : '';
      if (wanted && !foldText(`${u.name} ${commune}`).includes(wanted)) continue;
      process.stdout.write(`${u.code}\t${u.name}\t${commune}\t${u.parent?.code ?? ''}\n`);
    }
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
