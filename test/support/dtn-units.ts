import type { TestApp } from '../test-app.js';

/** The Đoàn's units of the transfer tests: the province, two communes' bases (Ba Đình, Ngọc Hà), a branch under Ba Đình. */
export async function createDtnUnits(t: TestApp): Promise<void> {
  for (const u of [
    { organization: 'DTN', code: 'TINH', name: 'Tỉnh đoàn', kind: 'PROVINCE' },
    { organization: 'DTN', code: 'A', name: 'Đoàn phường Ba Đình', kind: 'BASE', parent: 'TINH', communeCode: '00004' },
    { organization: 'DTN', code: 'A1', name: 'Chi đoàn khu phố 1', kind: 'BRANCH', parent: 'A' },
    { organization: 'DTN', code: 'B', name: 'Đoàn phường Ngọc Hà', kind: 'BASE', parent: 'TINH', communeCode: '00008' },
  ]) {
    const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
}

/** Members of Ba Đình's Đoàn (unit A), born 2001, each code its key upper-cased: their record ids by key. */
export async function createDtnMembers(t: TestApp, members: [key: string, name: string][]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [key, name] of members) {
    const r = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      { i: { organization: 'DTN', externalId: key.toUpperCase(), fullName: name, unit: 'A', birthDate: '2001' } },
    );
    ids[key] = r.data!.createMemberRecord.id;
  }
  return ids;
}
