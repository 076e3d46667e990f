import type { DataSource } from 'typeorm';
import { Commune, LegacyCommune, LegacyCommuneSuccessor, LegacyProvince } from '../../geography/admin-unit.entities.js';
import { CommuneDirectory, type CommuneRef, type LegacyCommuneRef } from '../../geography/commune-directory.js';
import { writeRecord, type RecordWriteContext } from '../../membership/member-record/record-writer.js';
import type { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { associationDefinition, type AssociationRules } from '../../membership/organization/association-definition.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { Organization } from '../../membership/organization/organization.entity.js';
import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import type { PersonalDataKey } from '../../personal-data/personal-data-key.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { RowPreparer } from './prepare-row.js';

/**
 * What a worker thread needs to prepare rows exactly as the import's own thread does — the
 * personal-data key (to seal and hash), the organization (its rules are code for the built-in ones,
 * a row for an association) and the communes (what `GeographyService.resolve` reads) — as plain
 * data, since a worker shares no objects with the thread that starts it.
 */
export interface PrepareWorkerSetup {
  key: PersonalDataKey;
  organization: { builtIn: string } | { association: { code: string; name: string; memberTerm: string; rules: AssociationRules } };
  geography: {
    communes: CommuneRef[];
    legacy: LegacyCommuneRef[];
    legacyProvinceSuccessors: [string, string[]][];
    homeProvince: string | null;
  };
}

/** The setup of an import of `organization`, read from the database the way the services read it at start. */
export async function prepareWorkerSetup(
  db: DataSource,
  key: PersonalDataKey,
  organization: string,
  homeProvince: string | null,
): Promise<PrepareWorkerSetup> {
  const communes = await db.getRepository(Commune).find({ order: { code: 'ASC' } });
  const legacy = await db.getRepository(LegacyCommune).find();
  const successors = await db.getRepository(LegacyCommuneSuccessor).find();
  const legacyProvinces = await db.getRepository(LegacyProvince).find();
  const succ = new Map<string, string[]>();
  for (const s of successors) succ.set(s.legacyCode, [...(succ.get(s.legacyCode) ?? []), s.communeCode]);
  const builtIn = BUILT_IN_ORGANIZATIONS.some((d) => d.code === organization);
  const row = builtIn ? null : await db.getRepository(Organization).findOneByOrFail({ code: organization });
  return {
    key,
    organization: row
      ? { association: { code: row.code, name: row.name, memberTerm: row.memberTerm, rules: row.rules } }
      : { builtIn: organization },
    geography: {
      communes: communes.map((c) => ({ code: c.code, name: c.name, provinceCode: c.provinceCode })),
      legacy: legacy.map((l) => ({
        code: l.code,
        name: l.name,
        legacyProvinceCode: l.legacyProvinceCode,
        successorCodes: succ.get(l.code) ?? [],
      })),
      legacyProvinceSuccessors: legacyProvinces.map((p) => [p.code, p.successorCodes]),
      homeProvince,
    },
  };
}

/** The organization a setup names, as the registry (`OrganizationsService`) gives it. */
export function organizationOf(setup: PrepareWorkerSetup): OrganizationDefinition {
  const o = setup.organization;
  if ('association' in o) return associationDefinition(o.association);
  const def = BUILT_IN_ORGANIZATIONS.find((d) => d.code === o.builtIn);
  if (!def) throw new Error(`no built-in organization '${o.builtIn}'`);
  return def;
}

/**
 * The import's row preparer over the setup: the same `RowPreparer` and the same `writeRecord` that
 * `MemberRecordsService.columnsOf` calls, with a vault and a commune directory of its own.
 */
export function preparerOf(setup: PrepareWorkerSetup): RowPreparer {
  const g = setup.geography;
  const communes = new CommuneDirectory(g.communes, g.legacy, new Map(g.legacyProvinceSuccessors), g.homeProvince);
  const vault: RecordWriteContext['vault'] = new SecretVault(setup.key, null as unknown as DataSource);
  // columnsOf is the one method of the service the preparer calls, and it reads nothing but these two.
  const records: Pick<MemberRecordsService, 'columnsOf'> = {
    columnsOf: (input, scene) => writeRecord(input, { ...scene, vault, communes }),
  };
  return new RowPreparer(records as MemberRecordsService);
}
