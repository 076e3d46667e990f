import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/access/role.js';
import { RosterImportService } from '../../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, type TestApp } from '../test-app.js';

/** The callers the access tests try: no token, each role, a secretariat of one organization or of one unit. */
export type Who = 'anon' | 'admin' | 'dtn' | 'dtnUnitA' | 'hpn' | 'danVan' | 'auditor';
export const EVERYONE: Who[] = ['anon', 'admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'];

const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Khoa', 'Long', 'Minh', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm'];

export interface AccessProvince {
  tokens: Record<Who, string | null>;
  /** M-1 in DTN unit A, M-2 in DTN unit B, M-3 in HPN unit H; an organization-wide DTN import job. */
  ids: { dtnA: string; dtnB: string; hpn: string; job: string };
  /** A fresh record (M-4, M-5…), for an operation that changes or erases one. */
  record: (org: 'DTN' | 'HPN', unit: string | null) => Promise<string>;
}

/**
 * The small province both access tests stand on: DTN units TINH > A, B and HPN unit H, a user of
 * each role (DTN organization-wide and unit A only), three records and one import job of `jobCsv`.
 */
export async function accessProvince(t: TestApp, jobCsv: string): Promise<AccessProvince> {
  let seq = 0;
  async function record(org: 'DTN' | 'HPN', unit: string | null): Promise<string> {
    seq++;
    const r = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      {
        i: {
          organization: org,
          externalId: `M-${seq}`,
          fullName: `Trần Văn ${GIVEN[seq % GIVEN.length]}`,
          unit,
          idNumber: `0012040${String(seq).padStart(5, '0')}`,
          phone: '0912345678',
          sex: org === 'HPN' ? 'FEMALE' : 'MALE',
          birthDate: '2004',
        },
      },
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.createMemberRecord.id;
  }
  for (const u of [
    { organization: 'DTN', code: 'TINH', name: 'Tỉnh đoàn', kind: 'PROVINCE' },
    { organization: 'DTN', code: 'A', name: 'Đoàn phường Ba Đình', kind: 'BASE', parent: 'TINH', communeCode: '00004' },
    { organization: 'DTN', code: 'B', name: 'Đoàn phường Ngọc Hà', kind: 'BASE', parent: 'TINH', communeCode: '00008' },
    { organization: 'HPN', code: 'H', name: 'Hội LHPN phường Ba Đình', kind: 'BASE', communeCode: '00004' },
  ]) {
    const r = await t.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`, { i: u });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  }
  const tokens: Record<Who, string | null> = {
    anon: null,
    admin: t.adminToken,
    dtn: await t.logIn(await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN')),
    dtnUnitA: await t.logIn(await t.createUser('vp.dtn.a', Role.SECRETARIAT, 'DTN', 'A')),
    hpn: await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN')),
    danVan: await t.logIn(await t.createUser('bandanvan', Role.DAN_VAN)),
    auditor: await t.serviceToken(Role.AUDITOR),
  };
  const ids = { dtnA: await record('DTN', 'A'), dtnB: await record('DTN', 'B'), hpn: await record('HPN', 'H'), job: '' };
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-access-')), 'roster.csv');
  fs.writeFileSync(csv, jobCsv);
  ids.job = (await t.app.get(RosterImportService).import(csv, { organization: 'DTN' }, CLI_PRINCIPAL)).jobId;
  fs.rmSync(path.dirname(csv), { recursive: true, force: true });
  return { tokens, ids, record };
}
