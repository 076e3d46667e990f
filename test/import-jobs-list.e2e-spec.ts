import { Role } from '../src/access/role.js';
import { createDtnUnits } from './support/dtn-units.js';
import { createTestApp, type TestApp } from './test-app.js';

type Listed = { id: string; sourceName: string; startedBy: string; status: string; created: number; undoBlocked: string | null };
const LIST = `{ importJobs { id sourceName startedBy status created undoBlocked } }`;

/** The list of past imports (to undo one): each secretariat sees the imports of her own scope only. */
describe('importJobs: the imports of the caller’s scope, and whether each may still be undone', () => {
  let t: TestApp;
  const tokens = { hpn: '', dtn: '', dtnUnitA: '' };

  const list = async (token: string) => {
    const r = await t.gql<{ importJobs: Listed[] }>(LIST, {}, { token });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.importJobs;
  };
  const upload = async (token: string, name: string, csv: string, query: string) => {
    const form = new FormData();
    form.append('file', new Blob([csv]), name);
    const res = await fetch(`${t.url}/imports?${query}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    for (let i = 0; i < 120; i++) {
      const [job] = (await list(token)).filter((j) => j.id === jobId);
      if (job && job.status !== 'RUNNING') return jobId;
      if (query.includes('preview=true')) {
        const r = await t.gql<{ importJob: { status: string } }>(
          `query($id: ID!) { importJob(id: $id) { status } }`,
          { id: jobId },
          { token },
        );
        if (r.data?.importJob.status === 'PREVIEW') return jobId;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`job ${jobId} did not finish`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await createDtnUnits(t);
    tokens.hpn = await t.logIn(await t.createUser('vp.hpn', Role.SECRETARIAT, 'HPN'));
    tokens.dtn = await t.logIn(await t.createUser('vp.dtn', Role.SECRETARIAT, 'DTN'));
    tokens.dtnUnitA = await t.logIn(await t.createUser('vp.dtn.a', Role.SECRETARIAT, 'DTN', 'A'));
  });
  afterAll(() => t?.close());

  it('shows a secretariat her organization’s imports only, never another organization’s nor a wider scope’s', async () => {
    const hpnJob = await upload(tokens.hpn, 'hoi-vien.csv', 'Mã hồ sơ,Họ và tên,Ngày sinh\nHPN-L1,Lò Thị Ỏn,1985\n', 'organization=HPN');
    const dtnJob = await upload(
      tokens.dtn,
      'doan-vien.csv',
      'Mã hồ sơ,Họ và tên,Ngày sinh\nDTN-L1,Lò Văn An,2001\nDTN-L2,Lò Văn Bình,2002\n',
      'organization=DTN',
    );
    const unitJob = await upload(
      tokens.dtnUnitA,
      'chi-doan-a.csv',
      'Mã hồ sơ,Họ và tên,Ngày sinh,Mã đơn vị\nDTN-L3,Lò Văn Cường,2003,A1\n',
      'organization=DTN',
    );
    // A preview never confirmed is listed while its file is kept (she may take it up again), with nothing to undo.
    const preview = await upload(
      tokens.hpn,
      'xem-truoc.csv',
      'Mã hồ sơ,Họ và tên,Ngày sinh\nHPN-L9,Lò Thị Xem,1985\n',
      'organization=HPN&preview=true',
    );
    expect((await list(tokens.hpn)).map((j) => [j.id, j.status, j.created])).toEqual([
      [preview, 'PREVIEW', 0],
      [hpnJob, 'DONE', 1],
    ]);
    expect((await list(tokens.hpn))[1]).toEqual({
      id: hpnJob,
      sourceName: 'hoi-vien.csv',
      startedBy: 'vp.hpn',
      status: 'DONE',
      created: 1,
      undoBlocked: null,
    });
    // A week later its file is gone: no longer listed.
    await t.sql(`UPDATE import_job SET started_at = now() - interval '8 days' WHERE id = $1`, [preview]);
    expect((await list(tokens.hpn)).map((j) => j.id)).toEqual([hpnJob]);
    expect((await list(tokens.dtn)).map((j) => j.id)).toEqual([unitJob, dtnJob]);
    // Kept to unit A: the imports started within it, not the one started for the whole Đoàn.
    expect((await list(tokens.dtnUnitA)).map((j) => j.id)).toEqual([unitJob]);
    const denied = await t.gql(LIST, {}, { token: await t.logIn(await t.createUser('bdv', Role.DAN_VAN)) });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('says why an import may no longer be undone: its records changed since, or undone already', async () => {
    const jobId = await upload(tokens.hpn, 'bo-sung.csv', 'Mã hồ sơ,Họ và tên,Ngày sinh\nHPN-L5,Quàng Thị Xíu,1990\n', 'organization=HPN');
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'HPN-L5'`);
    const changed = await t.gql(
      `mutation($id: ID!) { updateMemberRecord(id: $id, input: { phone: "0987654321" }) { id } }`,
      { id },
      { token: tokens.hpn },
    );
    expect(changed.errors).toBeUndefined();
    const blocked = (await list(tokens.hpn)).find((j) => j.id === jobId)!.undoBlocked;
    expect(blocked).toMatch(/^1 hồ sơ đã được sửa sau lượt nhập — \S.* \(mã HPN-L5\)\./);

    const first = (await list(tokens.hpn)).find((j) => j.sourceName === 'hoi-vien.csv')!;
    const undone = await t.gql(
      `mutation($id: ID!) { undoImport(jobId: $id, reason: "Nhập nhầm tệp của thôn khác") { status } }`,
      { id: first.id },
      { token: tokens.hpn },
    );
    expect(undone.errors).toBeUndefined();
    const after = (await list(tokens.hpn)).find((j) => j.id === first.id)!;
    expect([after.status, after.undoBlocked]).toEqual(['UNDONE', expect.stringMatching(/^Lượt nhập này đã được hoàn tác/)]);
  });
});
