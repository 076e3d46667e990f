import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { todayInVietnam } from '../src/common/dates/partial-date.js';
import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { ReviewDecisionsService } from '../src/linker/review/review-decisions.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';
import { accessProvince, EVERYONE, type AccessProvince, type Who } from './support/access-province.js';

/**
 * Each role × each query and mutation (and nested path) → allowed or denied, scope included.
 * A new operation without a row here fails the completeness test at the bottom.
 */
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT';

interface Op {
  /** Root field, as in the schema. */
  field: string;
  title: string;
  query: string;
  /** Fresh variables for each call (a record to change, a unique code…). */
  vars?: (who: Who) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Who gets what; anyone not listed is FORBIDDEN (or UNAUTHENTICATED without a token). */
  expect: Partial<Record<Who, Outcome>>;
}

const allow = (...who: Who[]): Partial<Record<Who, Outcome>> => Object.fromEntries(who.map((w) => [w, 'ok']));
const PUBLIC = allow(...EVERYONE);

describe('access matrix: role × operation', () => {
  let t: TestApp;
  let tokens = {} as Record<Who, string | null>;
  const ids = { dtnA: '', dtnB: '', hpn: '', job: '', person: '', report: '' };
  let record: AccessProvince['record'];
  /** Unique names for operations that create something. */
  let seq = 0;

  const personOf = async (recordId: string) =>
    (await t.sql<{ person_id: string }>(`SELECT person_id FROM record_person WHERE record_id = $1`, [recordId]))[0].person_id;

  /** An OPEN Ghi chú suggestion on the record, as an import leaves it. */
  const suggestionOn = async (recordId: string) =>
    (
      await t.sql<{ id: string }>(
        `INSERT INTO record_suggestion (record_id, kind, evidence) VALUES ($1, 'DIED', 'đã mất tháng 8/2026') RETURNING id`,
        [recordId],
      )
    )[0].id;

  /** A transfer of a fresh unit-A record to unit B, sent by unit A's secretariat: a request waiting for B. */
  const transferRequest = async () => {
    const r = await t.gql<{ transferMemberRecord: { transferRequest: { id: string } } }>(
      `mutation($id: ID!) { transferMemberRecord(input: { id: $id, unit: "B" }) { transferRequest { id } } }`,
      { id: await record('DTN', 'A') },
      { token: tokens.dtnUnitA },
    );
    return r.data!.transferMemberRecord.transferRequest.id;
  };

  /** A finished organization-wide DTN import of one new record: one to undo for each caller. */
  const freshJob = async () => {
    const csv = path.join(os.tmpdir(), `lienthong-undo-${process.pid}-${++seq}.csv`);
    fs.writeFileSync(csv, `Mã hồ sơ,Họ và tên\nUNDO-${seq},Lê Văn Hoàn\n`);
    try {
      return (await t.app.get(RosterImportService).import(csv, { organization: 'DTN' }, CLI_PRINCIPAL)).jobId;
    } finally {
      fs.rmSync(csv, { force: true });
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    const province = await accessProvince(t, 'Mã hồ sơ,Họ và tên\nJ-1,Lê Văn Một\n');
    ({ tokens, record } = province);
    Object.assign(ids, province.ids);
    await t.app.get(LinkerService).link();
    ids.person = (await t.sql<{ person_id: string }>(`SELECT person_id FROM record_person WHERE record_id = $1`, [ids.dtnA]))[0].person_id;
    ids.report = (await t.app.get(ReportsService).run('2026-Q3', null, { now: new Date('2026-10-02T00:00:00Z') })).id;
  });
  afterAll(async () => t.close());

  const RECORD_FIELDS = 'id fullName idNumber phone ethnicity history { kind }';
  const OPS: Op[] = [
    { field: 'organizations', title: 'organizations', query: '{ organizations { code } }', expect: PUBLIC },
    { field: 'organization', title: 'organization', query: '{ organization(code: "DTN") { code } }', expect: PUBLIC },
    { field: 'memberStatuses', title: 'memberStatuses', query: '{ memberStatuses { code label ends } }', expect: PUBLIC },
    { field: 'flagOutcomes', title: 'flagOutcomes', query: '{ flagOutcomes(organization: "DTN") }', expect: PUBLIC },
    { field: 'provinces', title: 'provinces', query: '{ provinces { code } }', expect: PUBLIC },
    { field: 'communes', title: 'communes', query: '{ communes(search: "ba dinh", first: 3) { code } }', expect: PUBLIC },
    { field: 'resolveCommune', title: 'resolveCommune', query: '{ resolveCommune(code: "00004") { kind } }', expect: PUBLIC },
    { field: 'me', title: 'me', query: '{ me { role } }', expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor') },
    {
      field: 'units',
      title: 'units of DTN',
      query: '{ units(organization: "DTN") { code } }',
      expect: allow('admin', 'dtn', 'dtnUnitA', 'danVan', 'auditor'),
    },
    {
      field: 'memberRecords',
      title: 'DTN roster',
      query: `{ memberRecords(organization: "DTN") { totalCount nodes { ${RECORD_FIELDS} } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'danVan'),
    },
    {
      field: 'memberRecords',
      title: 'HPN roster',
      query: `{ memberRecords(organization: "HPN") { totalCount nodes { id } } }`,
      expect: allow('admin', 'hpn', 'danVan'),
    },
    {
      field: 'memberRecord',
      title: 'a DTN record in unit A, with its history (nested path)',
      query: `query($id: ID!) { memberRecord(id: $id) { ${RECORD_FIELDS} } }`,
      vars: () => ({ id: ids.dtnA }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA', 'danVan'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'memberRecord',
      title: 'a DTN record in unit B',
      query: `query($id: ID!) { memberRecord(id: $id) { id } }`,
      vars: () => ({ id: ids.dtnB }),
      expect: { ...allow('admin', 'dtn', 'danVan'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'memberRecord',
      title: 'an HPN record',
      query: `query($id: ID!) { memberRecord(id: $id) { id } }`,
      vars: () => ({ id: ids.hpn }),
      expect: { ...allow('admin', 'hpn', 'danVan'), dtn: 'NOT_FOUND', dtnUnitA: 'NOT_FOUND' },
    },
    {
      field: 'importJob',
      title: 'a DTN import job started for the whole organization',
      query: `query($id: ID!) { importJob(id: $id) { status errors { row } } }`,
      vars: () => ({ id: ids.job }),
      // A secretariat kept to unit A sees only the jobs started within its unit (their rows and error files).
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'importJobs',
      title: "the list of imports of the caller's scope (each sees only her own: see import-jobs-list.e2e-spec.ts)",
      query: `{ importJobs { id status startedBy undoBlocked undo { at } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn'),
    },
    {
      field: 'importPreview',
      title: 'the plan (preview) of a DTN import job started for the whole organization',
      query: `query($id: ID!) { importPreview(jobId: $id) { status rows { fate } } }`,
      vars: () => ({ id: ids.job }),
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'rosterColumns',
      title: "the roster template's columns of the Đoàn (reference data, for the import's mapping)",
      query: `{ rosterColumns(organization: "DTN") { field header } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn'),
    },
    {
      field: 'confirmImport',
      title: 'confirmImport of a DTN import job (done already: nothing waits)',
      query: `mutation($id: ID!) { confirmImport(jobId: $id) { status } }`,
      vars: () => ({ id: ids.job }),
      expect: { admin: 'CONFLICT', dtn: 'CONFLICT', dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'previewImportAgain',
      title: 'previewImportAgain of a DTN import job (done already: no preview waits)',
      query: `mutation($id: ID!) { previewImportAgain(jobId: $id, mapping: [{ header: "Họ và tên", field: "fullName" }]) { status } }`,
      vars: () => ({ id: ids.job }),
      expect: { admin: 'CONFLICT', dtn: 'CONFLICT', dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'keepAbsentMembers',
      title: 'keepAbsentMembers of a DTN import job (a record its file does not leave out: refused, naming it)',
      query: `mutation($id: ID!, $r: [ID!]!) { keepAbsentMembers(jobId: $id, recordIds: $r, reason: "vẫn sinh hoạt") }`,
      vars: () => ({ id: ids.job, r: [ids.dtnA] }),
      expect: { admin: 'BAD_USER_INPUT', dtn: 'BAD_USER_INPUT', dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'discardImportPreview',
      title: 'discardImportPreview of a DTN import job (done already: no preview to discard)',
      query: `mutation($id: ID!) { discardImportPreview(jobId: $id) }`,
      vars: () => ({ id: ids.job }),
      expect: { admin: 'CONFLICT', dtn: 'CONFLICT', dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'person',
      title: "a DTN member's person (other organizations' records only as where they are listed; not found with none of hers)",
      query: `query($id: ID!) { person(id: $id) { id records { organization communeCode statusLabel recordId fullName } } }`,
      vars: () => ({ id: ids.person }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA', 'danVan'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'overlap',
      title: 'overlap of the province (counts only)',
      query: `{ overlap { memberships persons byOrganizationCount { organizations persons } matrix { a b persons } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'possibleDuplicates',
      title: 'the duplicate check before adding a member',
      query: `{ possibleDuplicates(input: { fullName: "Tran Van Binh", birthDate: "2004", phone: "0912345678" }) { organization recordId explanation } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan'),
    },
    {
      field: 'mergePersons',
      title: 'merging two persons',
      query: `mutation($a: ID!, $b: ID!) { mergePersons(personA: $a, personB: $b, reason: "cùng một người") }`,
      vars: async () => ({ a: await personOf(await record('DTN', 'A')), b: await personOf(await record('HPN', 'H')) }),
      expect: allow('admin', 'danVan'),
    },
    {
      field: 'splitPerson',
      title: 'splitting a person',
      query: `mutation($p: ID!, $r: [ID!]!) { splitPerson(personId: $p, recordIds: $r, reason: "hai người") }`,
      vars: async () => {
        const [x, y] = [await record('DTN', 'A'), await record('HPN', 'H')];
        const p = await t.app.get(ReviewDecisionsService).mergePersons(await personOf(x), await personOf(y), 'thử', CLI_PRINCIPAL);
        return { p, r: [y] };
      },
      expect: allow('admin', 'danVan'),
    },
    {
      field: 'flaggedRecords',
      title: 'flagged records (within the caller’s rights)',
      query: `{ flaggedRecords { recordId ao flags { code severity } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan'),
    },
    {
      field: 'flagCounts',
      title: 'flag counts by organization and unit',
      query: `{ flagCounts { organization unitCode code records } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan'),
    },
    {
      field: 'unlinkedRecords',
      title: 'how many of the records one may read no link run has read yet',
      query: `{ unlinkedRecords }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan'),
    },
    {
      field: 'resolveFlag',
      title: 'a decision on a flag the record does not have',
      query: `mutation($id: ID!) { resolveFlag(recordId: $id, code: "DECEASED", resolution: "FALSE_ALARM", note: "không") }`,
      vars: () => ({ id: ids.dtnA }),
      // Everyone allowed in reaches the service, which finds no such flag (or no such record in scope).
      expect: { admin: 'NOT_FOUND', dtn: 'NOT_FOUND', dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND', danVan: 'NOT_FOUND' },
    },
    {
      field: 'reports',
      title: 'the list of computed reports (aggregates)',
      query: `{ reports { period scope totals { memberships people } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'report',
      title: 'one report by period (aggregates)',
      query: `{ report(period: "2026-Q3") { totals { memberships suspectedPhantoms } organizations { code reach { rate why } } changes { key change } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'reportRows',
      title: "a report's rows by commune (aggregates)",
      query: `query($id: ID!) { reportRows(report: $id) { totalCount nodes { organizationCode communeCode memberships rate } } }`,
      vars: () => ({ id: ids.report }),
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'liveFigures',
      title: "the running period's dashboard figures of a scope (aggregates)",
      query: `{ liveFigures(scope: "org:DTN") { asOf memberships people peopleNotSuspected peopleByOrgCount { one fourOrMore } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'memberMovement',
      title: "an organization's báo cáo tăng, giảm (counts, within the caller's scope)",
      query: `{ memberMovement(organization: "DTN", period: "2026-Q3") { periodLabel rows { unitName atStart atEnd } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'danVan'),
    },
    {
      field: 'sinceLastVisit',
      title: 'what changed since the caller’s previous log-in (counts within her rights)',
      query: `{ sinceLastVisit { since newSuspects pendingReviews incomingTransfers reportsComputed } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'liveCommunes',
      title: "every commune's live figures of a scope (aggregates)",
      query: `{ liveCommunes(scope: "province") { asOf communes { code memberships people peopleNotSuspected suspectedPhantoms } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'liveUnits',
      title: "the live figures of an organization's or a unit's units (aggregates)",
      query: `{ liveUnits(scope: "org:DTN") { asOf units { code memberships people peopleNotSuspected suspectedPhantoms } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'communeReports',
      title: "a commune's part of each stored report (aggregates)",
      query: `{ communeReports(commune: "00004") { period scope totals { memberships joiners } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan', 'auditor'),
    },
    {
      field: 'reportPhantoms',
      title: "a report's suspected phantoms with names (each within its rights)",
      query: `query($id: ID!) { reportPhantoms(report: $id) { fullName reasons } }`,
      vars: () => ({ id: ids.report }),
      expect: allow('admin', 'dtn', 'dtnUnitA', 'hpn', 'danVan'),
    },
    {
      field: 'runReport',
      title: "computing DTN's report on demand (a secretariat: its own organization only)",
      query: `mutation { runReport(period: "2026-Q2", scope: "org:DTN") { id } }`,
      expect: allow('admin', 'danVan', 'dtn'),
    },
    {
      field: 'reviewQueue',
      title: 'the review queue',
      query: `{ reviewQueue { probability explanation } }`,
      expect: allow('admin', 'danVan'),
    },
    {
      field: 'decideLink',
      title: 'a decision on a pair of records',
      query: `mutation($a: ID!, $b: ID!) { decideLink(recordA: $a, recordB: $b, decision: REJECT, reason: "hai người khác nhau") }`,
      vars: () => ({ a: ids.dtnA, b: ids.dtnB }),
      expect: allow('admin', 'danVan'),
    },
    {
      field: 'deferLinkPair',
      title: 'a pair put off with a doubt',
      query: `mutation($a: ID!, $b: ID!) { deferLinkPair(recordA: $a, recordB: $b, reason: "chưa chắc, hỏi chi hội") }`,
      vars: () => ({ a: ids.dtnA, b: ids.dtnB }),
      expect: allow('admin', 'danVan'),
    },
    { field: 'users', title: 'users', query: '{ users { username } }', expect: allow('admin') },
    { field: 'serviceTokens', title: 'serviceTokens', query: '{ serviceTokens { name } }', expect: allow('admin') },
    { field: 'auditEvents', title: 'auditEvents', query: '{ auditEvents(first: 5) { nodes { action } } }', expect: allow('admin') },
    {
      field: 'createUser',
      title: 'createUser',
      query: `mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } } }`,
      vars: () => ({ i: { username: `user${++seq}`, role: 'DAN_VAN' } }),
      expect: allow('admin'),
    },
    {
      field: 'disableUser',
      title: 'disableUser',
      query: `mutation($username: String!) { disableUser(username: $username) { disabled } }`,
      vars: async () => ({ username: (await t.createUser(`disabled${++seq}`, Role.AUDITOR)).username }),
      expect: allow('admin'),
    },
    {
      field: 'enableUser',
      title: 'enableUser',
      query: `mutation($username: String!) { enableUser(username: $username) { disabled } }`,
      vars: async () => ({ username: (await t.createUser(`enabled${++seq}`, Role.AUDITOR)).username }),
      expect: allow('admin'),
    },
    {
      field: 'resetUser',
      title: 'resetUser',
      query: `mutation($username: String!) { resetUser(username: $username) { enrolmentExpiresAt } }`,
      vars: async () => ({ username: (await t.createUser(`reset${++seq}`, Role.AUDITOR)).username }),
      expect: allow('admin'),
    },
    {
      field: 'changeUserScope',
      title: 'changeUserScope',
      query: `mutation($username: String!) { changeUserScope(username: $username, input: { role: DAN_VAN }) { role } }`,
      vars: async () => ({ username: (await t.createUser(`moved${++seq}`, Role.AUDITOR)).username }),
      expect: allow('admin'),
    },
    {
      field: 'createServiceToken',
      title: 'createServiceToken',
      query: `mutation($i: CreateServiceTokenInput!) { createServiceToken(input: $i) { token } }`,
      vars: () => ({ i: { name: `job ${++seq}`, role: 'AUDITOR' } }),
      expect: allow('admin'),
    },
    {
      field: 'revokeServiceToken',
      title: 'revokeServiceToken',
      query: `mutation($id: ID!) { revokeServiceToken(id: $id) { revokedAt } }`,
      vars: async () => {
        const [row] = await t.sql<{ id: string }>(
          `SELECT id FROM access_token WHERE kind = 'SERVICE' AND revoked_at IS NULL AND name LIKE 'job %' LIMIT 1`,
        );
        return { id: row?.id ?? '00000000-0000-0000-0000-000000000000' };
      },
      expect: allow('admin'),
    },
    {
      field: 'createAssociation',
      title: 'createAssociation',
      query: `mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { code } }`,
      vars: () => ({ i: { code: `HOI${++seq}`, name: `Hội thử ${seq}` } }),
      expect: allow('admin'),
    },
    {
      field: 'createUnit',
      title: 'createUnit in DTN under A',
      query: `mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`,
      vars: () => ({ i: { organization: 'DTN', code: `CHI${++seq}`, name: `Chi đoàn ${seq}`, kind: 'BRANCH', parent: 'A' } }),
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'eligibilityCheck',
      title: "the organization's rules on a member being added",
      query: `{ eligibilityCheck(input: { organization: "DTN", birthDate: "1960" }) { code } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'createMemberRecord',
      title: 'createMemberRecord in DTN unit A',
      query: `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }`,
      vars: () => ({ i: { organization: 'DTN', externalId: `N-${++seq}`, fullName: 'Lê Văn Mới', unit: 'A' } }),
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'updateMemberRecord',
      title: 'updateMemberRecord of a DTN record in unit A',
      query: `mutation($id: ID!) { updateMemberRecord(id: $id, input: { phone: "0987654321" }) { phone } }`,
      vars: async () => ({ id: await record('DTN', 'A') }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'updateMemberRecord',
      title: 'updateMemberRecord of a DTN record in unit B',
      query: `mutation($id: ID!) { updateMemberRecord(id: $id, input: { phone: "0987654321" }) { phone } }`,
      vars: async () => ({ id: await record('DTN', 'B') }),
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'transferMemberRecord',
      title: 'transferMemberRecord from B to A',
      query: `mutation($id: ID!) { transferMemberRecord(input: { id: $id, unit: "A" }) { unit { code } } }`,
      vars: async () => ({ id: await record('DTN', 'B') }),
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'transferMemberRecord',
      title: "transferMemberRecord from A to B (unit A's secretariat: a request to B's)",
      query: `mutation($id: ID!) { transferMemberRecord(input: { id: $id, unit: "B" }) { unit { code } } }`,
      vars: async () => ({ id: await record('DTN', 'A') }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'pendingTransfers',
      title: 'pendingTransfers of DTN',
      query: `{ pendingTransfers(organization: "DTN") { id incoming record { fullName } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'sentTransfers',
      title: 'sentTransfers of DTN',
      query: `{ sentTransfers(organization: "DTN") { id state toUnit { name } } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'acceptTransfer',
      title: "acceptTransfer of a request from A to B (only B's keepers)",
      query: `mutation($id: ID!) { acceptTransfer(id: $id) { state } }`,
      vars: async () => ({ id: await transferRequest() }),
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'declineTransfer',
      title: "declineTransfer of a request from A to B (only B's keepers)",
      query: `mutation($id: ID!) { declineTransfer(id: $id, reason: "Không cư trú ở đây") { state } }`,
      vars: async () => ({ id: await transferRequest() }),
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'cancelTransfer',
      title: "cancelTransfer of a request from A to B (only A's keepers, who sent it)",
      query: `mutation($id: ID!) { cancelTransfer(id: $id) { state } }`,
      vars: async () => ({ id: await transferRequest() }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'transferTargets',
      title: 'transferTargets of DTN (every unit, names only)',
      query: `{ transferTargets(organization: "DTN") { code name } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'renameUnit',
      title: 'renameUnit A of DTN',
      query: `mutation { renameUnit(input: { organization: "DTN", code: "A", name: "Đoàn phường Ba Đình" }) { name } }`,
      expect: allow('admin', 'dtn', 'dtnUnitA'),
    },
    {
      field: 'renameUnit',
      title: 'renameUnit B of DTN',
      query: `mutation { renameUnit(input: { organization: "DTN", code: "B", name: "Đoàn phường Ngọc Hà" }) { name } }`,
      expect: allow('admin', 'dtn'),
    },
    {
      field: 'endMembership',
      title: 'endMembership of a DTN record',
      query: `mutation($id: ID!) { endMembership(input: { id: $id, status: LEFT, date: "2026-01-05", reason: "Xin ra" }) { status } }`,
      vars: async () => ({ id: await record('DTN', 'A') }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'acceptSuggestion',
      title: 'acceptSuggestion on a DTN record in unit A',
      query: `mutation($id: ID!) { acceptSuggestion(id: $id) { status } }`,
      vars: async () => ({ id: await suggestionOn(await record('DTN', 'A')) }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'dismissSuggestion',
      title: 'dismissSuggestion on a DTN record in unit B',
      query: `mutation($id: ID!) { dismissSuggestion(id: $id, reason: "Ghi chú nhầm người") { status } }`,
      vars: async () => ({ id: await suggestionOn(await record('DTN', 'B')) }),
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'undoImport',
      title: 'undoImport of a DTN import job started for the whole organization',
      query: `mutation($id: ID!) { undoImport(jobId: $id, reason: "Nhập nhầm tệp của tổ chức khác") { status } }`,
      vars: async () => ({ id: await freshJob() }),
      // As importJob: a secretariat kept to unit A cannot undo a job started for the whole organization.
      expect: { ...allow('admin', 'dtn'), dtnUnitA: 'NOT_FOUND', hpn: 'NOT_FOUND' },
    },
    {
      field: 'revealIdNumber',
      title: 'revealIdNumber of a DTN record',
      query: `mutation($id: ID!) { revealIdNumber(id: $id, reason: "Đối chiếu hồ sơ gốc") { idNumber } }`,
      vars: () => ({ id: ids.dtnA }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA', 'danVan'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'exportPersonalData',
      title: 'exportPersonalData of a DTN record',
      query: `mutation($id: ID!) { exportPersonalData(id: $id, reason: "Yêu cầu của chủ thể dữ liệu") }`,
      vars: () => ({ id: ids.dtnA }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'exportPersonalDataCopy',
      title: 'exportPersonalDataCopy of a DTN record',
      query: `mutation($id: ID!) { exportPersonalDataCopy(id: $id, reason: "Yêu cầu của chủ thể dữ liệu") }`,
      vars: () => ({ id: ids.dtnA }),
      expect: { ...allow('admin', 'dtn', 'dtnUnitA'), hpn: 'NOT_FOUND' },
    },
    {
      field: 'receivePersonalDataRequest',
      title: 'a data subject’s request recorded against a DTN record',
      query: `mutation($id: ID!, $day: String!) { receivePersonalDataRequest(kind: EXPORT, recordId: $id, receivedOn: $day) { dueOn } }`,
      vars: () => ({ id: ids.dtnA, day: todayInVietnam() }),
      expect: allow('admin'),
    },
    {
      field: 'personalDataRequests',
      title: 'the data subjects’ requests with their deadlines',
      query: `{ personalDataRequests { kind externalId dueOn daysLeft } }`,
      expect: allow('admin'),
    },
    {
      field: 'erasurePlan',
      title: 'erasurePlan of a DTN record',
      query: `query($id: ID!) { erasurePlan(id: $id) { records { id } toConfirm { why } } }`,
      vars: async () => ({ id: await record('DTN', 'A') }),
      expect: allow('admin'),
    },
    {
      field: 'erasePersonalData',
      title: 'erasePersonalData of a DTN record',
      query: `mutation($id: ID!) { erasePersonalData(id: $id, reason: "Yêu cầu xóa ngày 1/11") { id } }`,
      vars: async () => ({ id: await record('DTN', 'A') }),
      expect: allow('admin'),
    },
    {
      field: 'linkRuns',
      title: 'the link runs (counts only)',
      query: `{ linkRuns { id status phases { key seconds } persons } }`,
      expect: allow('admin', 'danVan', 'auditor'),
    },
    {
      field: 'backups',
      title: 'the backups taken, where they go, where the key is',
      query: `{ backups { directory unavailable keyKeptAt runs { id status startedBy file bytes withKey restoreCommand } } }`,
      expect: allow('admin'),
    },
    {
      // The test database is external (DATABASE_URL): the administrator passes the guard and is told to use the database server's tools.
      field: 'startBackup',
      title: 'a backup started from the console',
      query: `mutation { startBackup { id status } }`,
      expect: { admin: 'CONFLICT' },
    },
    {
      // Last: the administrator's call starts a run in the background (a few hundred ms on these records).
      field: 'startLinkRun',
      title: 'a link run started from the console',
      query: `mutation { startLinkRun { id status } }`,
      expect: allow('admin'),
    },
  ];
  /** Exercised in access.e2e-spec.ts and enrolment.e2e-spec.ts, where a session or an enrolment can be spent. */
  const ELSEWHERE = ['logIn', 'logOut', 'startEnrolment', 'completeEnrolment'];

  const cases = OPS.flatMap((op) =>
    EVERYONE.map((who) => {
      const outcome: Outcome = op.expect[who] ?? (who === 'anon' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      return [op.title, who, outcome, op] as const;
    }),
  );

  it.each(cases)('%s as %s → %s', async (_title, who, outcome, op) => {
    const vars = op.vars ? await op.vars(who) : undefined;
    const r = await t.gql(op.query, vars, { token: tokens[who] });
    expect(r.status).toBeLessThan(500);
    if (outcome === 'ok') {
      expect(r.errors).toBeUndefined();
      expect(r.data?.[op.field]).toBeDefined();
    } else {
      expect(r.errors?.[0]?.extensions?.code).toBe(outcome);
      expect(r.data?.[op.field] ?? null).toBeNull();
    }
  });

  it('keeps a secretariat to its own scope inside answers it is allowed to get', async () => {
    type Page = { memberRecords: { totalCount: number; nodes: { id: string }[] } };
    const dtnAll = await t.gql<Page>(
      '{ memberRecords(organization: "DTN", first: 500) { totalCount nodes { id } } }',
      {},
      { token: tokens.dtn },
    );
    const unitA = await t.gql<Page>(
      '{ memberRecords(organization: "DTN", first: 500) { totalCount nodes { id } } }',
      {},
      { token: tokens.dtnUnitA },
    );
    expect(dtnAll.data!.memberRecords.nodes.map((n) => n.id)).toContain(ids.dtnB);
    expect(unitA.data!.memberRecords.nodes.map((n) => n.id)).toContain(ids.dtnA);
    expect(unitA.data!.memberRecords.nodes.map((n) => n.id)).not.toContain(ids.dtnB);
    expect(unitA.data!.memberRecords.totalCount).toBeLessThan(dtnAll.data!.memberRecords.totalCount);
    // A unit-scoped secretariat sees its own subtree of units only.
    const units = await t.gql<{ units: { code: string }[] }>('{ units(organization: "DTN") { code } }', {}, { token: tokens.dtnUnitA });
    expect(units.data!.units.map((u) => u.code)).not.toContain('B');
    expect(units.data!.units.map((u) => u.code)).toContain('A');
    // And cannot file a record outside it.
    const outside = await t.gql(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "X-1", fullName: "Ngoài Phạm Vi", unit: "B" }) { id } }`,
      {},
      { token: tokens.dtnUnitA },
    );
    expect(outside.errors![0].message).toContain("đơn vị 'B' nằm ngoài phạm vi");
  });

  it('covers every query and mutation of the schema', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    const covered = new Set([...OPS.map((o) => o.field), ...ELSEWHERE]);
    expect(fields.filter((f) => !covered.has(f))).toEqual([]);
  });
});
