import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { uuidv7 } from '../../kernel/ids';
import { XLSX_TYPE } from '../../kernel/imports/sheet';
import { importFinished as hotlineImportFinished } from '../imports/import-jobs';
import { generateApiKey, hashApiKey } from '../integrations/api-keys';
import { apiClients } from '../integrations/integrations.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { opinions } from './opinions.schema';

// Monday 2026-03-02 09:00 China time, on the seeded demo district (闵行区 310112).
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const PHONE = '13977712345';
const NAME = '欧阳娜娜';
const ADDRESS = '上海市闵行区莘庄镇莘松路200弄7号101室';

/** A client row as the key console would create it; only the key's SHA-256 is stored. */
async function apiClient(
  kind: 'hotline' | 'open311',
  jurisdictionCode: string,
  opts: { revoked?: boolean; name?: string } = {},
) {
  const j = (await findJurisdiction(db, jurisdictionCode))!;
  const { key, prefix } = generateApiKey();
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await db.insert(apiClients).values({
    regionCode: '310112',
    id,
    kind,
    name: opts.name ?? `${j.name}12345`,
    jurisdictionCode: j.code,
    jurisdictionPath: j.path,
    keyPrefix: prefix,
    keyHash: hashApiKey(key),
    active: !opts.revoked,
    revokedAt: opts.revoked ? now : null,
    createdAt: now,
  });
  return { id, key };
}

let district: { id: string; key: string };
let xinzhuangLine: { id: string; key: string };
let otherLine: { id: string; key: string };
let staff: Client;
let town: Client;

const ticket = (no: string, extra: Record<string, unknown> = {}) => ({
  ticketNo: no,
  title: '莘松路小区门口路灯不亮',
  description: '来电人反映莘松路小区门口三盏路灯已坏两周，夜间出行不安全，要求尽快修复。',
  category: '城乡建设-道路设施',
  area: '莘庄镇',
  address: ADDRESS,
  callerName: NAME,
  callerPhone: PHONE,
  allowDisclosure: true,
  receivedAt: '2026-03-01 10:20',
  deadline: '2026-03-10',
  ...extra,
});

function send(key: string | null, body: unknown, header: 'bearer' | 'x-api-key' = 'bearer') {
  const headers: Record<string, string> = {};
  if (key) {
    if (header === 'bearer') headers.authorization = `Bearer ${key}`;
    else headers['x-api-key'] = key;
  }
  return app.inject({ method: 'POST', url: '/api/hotline/tickets', headers, payload: body as object });
}
function status(key: string | null, no: string) {
  return app.inject({
    method: 'GET',
    url: `/api/hotline/tickets/${no}`,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
}
/** The town accepts (路灯 → CJ01), the district assigns, the unit (dept1) signs and answers. */
async function answerCase(id: string, body: string) {
  expect((await town.post(`/api/opinions/${id}/accept`, { categoryCode: 'CJ01' })).statusCode).toBe(200);
  expect((await staff.post(`/api/opinions/${id}/assign`, {})).statusCode).toBe(200);
  const dept = await signedIn(app, 'dept1');
  expect((await dept.post(`/api/opinions/${id}/sign`)).statusCode).toBe(200);
  expect((await dept.post(`/api/opinions/${id}/reply`, { body, outcome: 'solved' })).statusCode).toBe(200);
}
const countHotline = async () =>
  (await db.select().from(opinions).where(eq(opinions.channel, 'hotline'))).length;

beforeAll(async () => {
  district = await apiClient('hotline', '310112', { name: '闵行区12345' });
  xinzhuangLine = await apiClient('hotline', '310112101');
  otherLine = await apiClient('hotline', '310112', { name: '另一热线系统' });
  staff = await signedIn(app, 'district');
  town = await signedIn(app, 'xinzhuang');
});

describe('12345 interface', () => {
  let first: { id: string; trackingNo: string; followUrl: string };

  it('files a ticket as a hotline case: ticket number kept, category matched, caller encrypted', async () => {
    const res = await send(district.key, ticket('SH20260301000001'));
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first.trackingNo).toMatch(/^MY20260302\d{6}$/);
    expect(first.followUrl).toMatch(new RegExp(`^/o/${first.trackingNo}\\?k=`));
    expect(res.json().replayed).toBe(false);
    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, first.id));
    expect(row).toMatchObject({
      channel: 'hotline',
      externalTicketNo: 'SH20260301000001',
      apiClientId: district.id,
      categoryCode: 'CJ01',
      townshipCode: '310112101',
      contactPhoneMasked: '139****2345',
      contactNameMasked: '欧阳**',
      allowDisclosure: true,
      submittedBy: null,
    });
    expect(row!.description).toContain('工单编号：SH20260301000001');
    expect(row!.description).toContain('热线办理时限：2026-03-10');
    expect(ctx.vault.decrypt(row!.contactPhoneEnc!)).toBe(PHONE);
    for (const s of [PHONE, NAME, '莘松路200弄']) expect(JSON.stringify(row)).not.toContain(s);
  });

  it('appears in the staff queue, labelled 12345热线, with the caller masked', async () => {
    const list = await staff.get('/api/opinions?pageSize=200');
    const item = list.json().items.find((i: { id: string }) => i.id === first.id);
    expect(item).toMatchObject({ channelLabel: '12345热线', state: 'submitted' });
    const mine = await town.get('/api/opinions?pageSize=200');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(first.id);
    const detail = await staff.get(`/api/opinions/${first.id}`);
    for (const body of [list.body, mine.body, detail.body]) {
      for (const s of [PHONE, NAME, '莘松路200弄']) expect(body).not.toContain(s);
    }
    expect(detail.body).toContain('139****2345');
  });

  it('keeps an unknown hotline category for triage and accepts X-Api-Key', async () => {
    const res = await send(
      district.key,
      ticket('SH20260301000002', { category: '其他-疑难杂项', area: '310112102' }),
      'x-api-key',
    );
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, res.json().id));
    expect(row!.categoryCode).toBeNull();
    expect(row!.townshipCode).toBe('310112102');
    expect(row!.description).toContain('热线分类：其他-疑难杂项（待分类）');
  });

  it('is idempotent on the ticket number, even when the content differs', async () => {
    const again = await send(district.key, ticket('SH20260301000001'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first, replayed: true });
    const changed = await send(district.key, ticket('SH20260301000001', { title: '内容已变更的同一工单' }));
    expect(changed.statusCode).toBe(200);
    expect(changed.json().id).toBe(first.id);
    const rows = await db.select().from(opinions).where(eq(opinions.externalTicketNo, 'SH20260301000001'));
    expect(rows).toHaveLength(1);
    // Another client cannot take over the number.
    expect(errorCode(await send(otherLine.key, ticket('SH20260301000001')))).toBe(
      'opinions.hotline_ticket_taken',
    );
  });

  it('two deliveries of one new ticket at once make one case', async () => {
    const all = await Promise.all([1, 2, 3].map(() => send(district.key, ticket('SH20260301000050'))));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(all.map((r) => r.json().id)).size).toBe(1);
    const rows = await db.select().from(opinions).where(eq(opinions.externalTicketNo, 'SH20260301000050'));
    expect(rows).toHaveLength(1);
  });

  it('refuses a missing, unknown, revoked or Open311 key and writes nothing', async () => {
    const revoked = await apiClient('hotline', '310112', { revoked: true });
    const open311 = await apiClient('open311', '310112');
    const before = await countHotline();
    for (const key of [null, 'nonsense', generateApiKey().key, revoked.key, open311.key]) {
      const res = await send(key, ticket('SH20260301000099'));
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('opinions.hotline_key_invalid');
      expect(res.json().error.message).toMatch(/密钥/);
      expect((await status(key, 'SH20260301000001')).statusCode).toBe(401);
    }
    expect(await countHotline()).toBe(before);
  });

  it('refuses a ticket outside the client’s jurisdiction, and an unknown area', async () => {
    const before = await countHotline();
    const out = await send(xinzhuangLine.key, ticket('SH20260301000010', { area: '七宝镇' }));
    expect(out.statusCode).toBe(403);
    expect(errorCode(out)).toBe('opinions.hotline_out_of_area');
    const unknown = await send(xinzhuangLine.key, ticket('SH20260301000011', { area: '不存在镇' }));
    expect(errorCode(unknown)).toBe('common.validation');
    expect(await countHotline()).toBe(before);
    // Without an area or a point the ticket lies in the client's own jurisdiction.
    const ok = await send(xinzhuangLine.key, ticket('SH20260301000012', { area: undefined }));
    expect(ok.statusCode, ok.body).toBe(201);
    const [row] = await db.select().from(opinions).where(eq(opinions.caseId, ok.json().id));
    expect(row!.townshipCode).toBe('310112101');
  });

  it('refuses garbage with a coded Chinese 400', async () => {
    const res = await send(district.key, { ticketNo: '../x', title: 1 });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('common.validation');
    expect(errorCode(await send(district.key, ticket('SH20260301000013', { callerPhone: '12' })))).toBe(
      'common.validation',
    );
    expect(errorCode(await send(district.key, ticket('SH20260301000014', { receivedAt: 'yesterday' })))).toBe(
      'common.validation',
    );
  });

  it('syncs the status back, with the reply, only to the client that filed it', async () => {
    const s0 = await status(district.key, 'SH20260301000001');
    expect(s0.statusCode, s0.body).toBe(200);
    expect(s0.json()).toMatchObject({
      ticketNo: 'SH20260301000001',
      caseId: first.id,
      trackingNo: first.trackingNo,
      state: 'submitted',
      stateLabel: '待受理',
      reply: null,
    });
    expect(s0.json().steps[0]).toMatchObject({ label: '提交' });
    expect(errorCode(await status(otherLine.key, 'SH20260301000001'))).toBe(
      'opinions.hotline_ticket_not_found',
    );
    expect(errorCode(await status(district.key, 'SH20269999999999'))).toBe(
      'opinions.hotline_ticket_not_found',
    );

    const answer = '经现场核查，三盏路灯线路老化，已更换线路并恢复照明。';
    await answerCase(first.id, answer);
    const s1 = (await status(district.key, 'SH20260301000001')).json();
    expect(s1).toMatchObject({ state: 'replied', reply: { body: answer, outcomeLabel: '已解决' } });
    expect(s1.steps.length).toBeGreaterThanOrEqual(3);
    for (const s of [PHONE, NAME, '莘松路200弄']) expect(JSON.stringify(s1)).not.toContain(s);
  });

  it('reports 并单 both ways, then the main case’s answer and closure for the merged ticket', async () => {
    const lamp = (no: string, extra: Record<string, unknown> = {}) =>
      ticket(no, { title: '莘庄镇莘松路路灯不亮', receivedAt: undefined, deadline: undefined, ...extra });
    const mainRes = await send(district.key, lamp('SH20260305000001'));
    const dupRes = await send(district.key, lamp('SH20260305000002', { callerPhone: '13977700002' }));
    const foreignRes = await send(otherLine.key, lamp('QT20260305000003', { callerPhone: '13977700003' }));
    for (const r of [mainRes, dupRes, foreignRes]) expect(r.statusCode, r.body).toBe(201);
    const [main, dup, foreign] = [mainRes.json(), dupRes.json(), foreignRes.json()];
    const before = (await status(district.key, 'SH20260305000002')).json();
    expect(before).toMatchObject({ state: 'submitted', mergedInto: null, mergedCases: [] });

    for (const d of [dup, foreign]) {
      const m = await staff.post(`/api/opinions/${d.id}/merge`, { into: main.id, reason: '同一路段' });
      expect(m.statusCode, m.body).toBe(200);
    }
    const merged = (await status(district.key, 'SH20260305000002')).json();
    expect(merged).toMatchObject({
      state: 'merged',
      stateLabel: '已合并',
      phase: 'intake', // the main case's phase: the ticket is not done until the main case is
      closedAt: null,
      reply: null,
      mergedInto: {
        trackingNo: main.trackingNo,
        ticketNo: 'SH20260305000001',
        state: 'submitted',
        stateLabel: '待受理',
        closedAt: null,
      },
    });
    expect(merged.mergedInto.mergedAt).toEqual(expect.any(String));
    expect(merged.steps.at(-1)).toMatchObject({ label: '并单', stateLabel: '已合并' });
    // The other client sees the main case's tracking number, never this client's ticket number.
    const theirs = (await status(otherLine.key, 'QT20260305000003')).json();
    expect(theirs.mergedInto).toMatchObject({ trackingNo: main.trackingNo, ticketNo: null });
    const mainView = (await status(district.key, 'SH20260305000001')).json();
    expect(mainView).toMatchObject({ state: 'submitted', mergedInto: null });
    expect(mainView.mergedCases).toEqual([
      expect.objectContaining({ trackingNo: dup.trackingNo, ticketNo: 'SH20260305000002' }),
      expect.objectContaining({ trackingNo: foreign.trackingNo, ticketNo: null }),
    ]);

    // The main case is answered, then closed: the merged ticket reports the answer, then the closure.
    const answer = '经现场核查，莘松路两处路灯灯头损坏，已全部更换并恢复照明。';
    await answerCase(main.id, answer);
    const replied = (await status(district.key, 'SH20260305000002')).json();
    expect(replied).toMatchObject({
      state: 'merged',
      phase: 'feedback',
      closedAt: null,
      reply: { body: answer, outcomeLabel: '已解决' },
      mergedInto: { state: 'replied', stateLabel: '已答复待评价' },
    });
    expect(replied.mergedInto.steps.map((s: { label: string }) => s.label)).toContain('答复');
    const rated = await staff.post(`/api/opinions/${main.id}/rate`, { rating: 'satisfied' });
    expect(rated.statusCode, rated.body).toBe(200);
    const closed = (await status(district.key, 'SH20260305000002')).json();
    expect(closed).toMatchObject({
      state: 'merged',
      phase: 'closed',
      reply: { body: answer },
      mergedInto: { state: 'closed', stateLabel: '已办结', phase: 'closed' },
    });
    expect(closed.closedAt).toEqual(closed.mergedInto.closedAt);
    expect(closed.closedAt).not.toBeNull();
    for (const s of ['13977700002', NAME, '莘松路200弄']) expect(JSON.stringify(closed)).not.toContain(s);
  });
});

// ——— Excel import ———

type Job = {
  id: string;
  status: string;
  total: number;
  processed: number;
  imported: number;
  errors: Array<{ row: number; column: string; message: string }>;
  errorCount: number;
  duplicates: Array<{ row: number; ticketNo: string; caseId: string | null }>;
  created: Array<{ row: number; ticketNo: string; caseId: string | null; trackingNo: string | null }>;
};

let template: Buffer;

/** The downloaded template with these rows written under the header (the example row replaced). */
async function sheet(rows: Array<Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('12345工单')!;
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').replace('*', ''));
  ws.spliceRows(2, 1);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const [h, v] of Object.entries(r)) row.getCell(headers.indexOf(h)).value = v;
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const good = (no: string, extra: Record<string, string> = {}) => ({
  工单编号: no,
  受理时间: '2026-03-01 09:30',
  标题: '七宝老街周边夜间噪声扰民',
  诉求内容: '来电人反映七宝老街周边商户夜间音响声音过大，影响居民休息，要求查处。',
  诉求分类: '噪声扰民',
  所属街镇: '七宝镇',
  详细地址: '七宝镇青年路88号',
  来电人: '王小明',
  联系电话: '13611112222',
  是否同意公开: '否',
  办理时限: '2026-03-12',
  ...extra,
});

async function upload(c: Client, file: Buffer, mode: string): Promise<Job> {
  const res = await c.post('/api/hotline/imports', { file: file.toString('base64'), mode });
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json() as { jobId: string };
  await hotlineImportFinished(jobId);
  const job = await c.get(`/api/hotline/imports/${jobId}`);
  expect(job.statusCode, job.body).toBe(200);
  return job.json() as Job;
}

describe('12345 Excel import', () => {
  it('downloads a template: Chinese headers, example row, drop-downs, instructions', async () => {
    const res = await staff.get('/api/hotline/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    template = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('12345工单')!;
    const headers = (ws.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers.slice(0, 4)).toEqual(['工单编号*', '受理时间', '标题*', '诉求内容*']);
    for (const h of ['诉求分类', '所属街镇', '详细地址', '来电人', '联系电话', '是否同意公开', '办理时限'])
      expect(headers).toContain(h);
    expect(String(ws.getCell('A2').value)).toMatch(/^示例/);
    expect(ws.getCell('F2').dataValidation?.type).toBe('list');
    expect(ws.getCell('E2').dataValidation?.type).toBe('list');
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
    const lists = wb.getWorksheet('选项')!;
    const areas = lists.getColumn(1).values.map(String);
    expect(areas).toContain('莘庄镇');
    expect(lists.getColumn(2).values.map(String)).toContain('道路设施');
    // The template as downloaded imports nothing (only the example row).
    expect(errorCode(await staff.post('/api/hotline/imports', { file: template.toString('base64') }))).toBe(
      'opinions.hotline_file_unreadable',
    );
  });

  const rows = () => [
    good('RX20260301000001'),
    good('RX20260301000002', { 标题: '', 联系电话: '12345' }),
    good('RX20260301000003', { 是否同意公开: '也许', 受理时间: '昨天' }),
    good('RX20260301000001', { 标题: '重复编号' }),
    good('SH20260301000001'), // filed through the interface above: skipped, not an error
    good('RX20260301000006', { 诉求分类: '', 所属街镇: '莘庄镇' }),
  ];

  it('all-or-nothing: errors by row and Chinese header, nothing written', async () => {
    const before = await countHotline();
    const job = await upload(staff, await sheet(rows()), 'all_or_nothing');
    expect(job.status).toBe('rejected');
    expect(job.imported).toBe(0);
    expect(job.total).toBe(6);
    expect(job.processed).toBe(6);
    const at = (row: number) => job.errors.filter((e) => e.row === row).map((e) => e.column);
    expect(at(3).sort()).toEqual(['标题', '联系电话']);
    expect(at(4).sort()).toEqual(['受理时间', '是否同意公开']);
    expect(job.errors.find((e) => e.row === 5)).toMatchObject({
      column: '工单编号',
      message: '与第 2 行的工单编号重复',
    });
    expect(at(2)).toEqual([]);
    expect(at(6)).toEqual([]);
    expect(job.duplicates).toEqual([expect.objectContaining({ row: 6, ticketNo: 'SH20260301000001' })]);
    expect(await countHotline()).toBe(before);
  });

  it('clean rows only: the clean rows become hotline cases recorded by the staff member', async () => {
    const before = await countHotline();
    const job = await upload(staff, await sheet(rows()), 'clean_rows');
    expect(job.status).toBe('done');
    expect(job.imported).toBe(2);
    expect(job.created.map((c) => c.ticketNo).sort()).toEqual(['RX20260301000001', 'RX20260301000006']);
    expect(job.created.every((c) => /^MY\d{14}$/.test(c.trackingNo ?? ''))).toBe(true);
    expect(job.duplicates.map((d) => d.ticketNo)).toEqual(['SH20260301000001']);
    expect(job.errorCount).toBe(5);
    expect(await countHotline()).toBe(before + 2);
    const [row] = await db
      .select()
      .from(opinions)
      .where(and(eq(opinions.channel, 'hotline'), eq(opinions.externalTicketNo, 'RX20260301000001')));
    const [me] = (await db.execute(
      sql`select id from accounts where username = 'district'`,
    )) as unknown as Array<{ id: string }>;
    expect(row).toMatchObject({
      submittedBy: me!.id,
      apiClientId: null,
      categoryCode: 'ST01',
      townshipCode: '310112102',
      contactPhoneMasked: '136****2222',
      allowDisclosure: false,
    });
    expect(row!.description).toContain('热线受理时间：2026-03-01 09:30');
    // Importing the same file again: every ticket already there is skipped, nothing new.
    const again = await upload(
      staff,
      await sheet([good('RX20260301000001'), good('RX20260301000006')]),
      'all_or_nothing',
    );
    expect(again).toMatchObject({ status: 'done', imported: 0, errorCount: 0 });
    expect(again.duplicates).toHaveLength(2);
    expect(await countHotline()).toBe(before + 2);
    // The interface replays a ticket staff imported (it was not filed by another client).
    const replay = await send(district.key, ticket('RX20260301000001'));
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(row!.caseId);
    // …but not to a client whose area does not contain it (no tracking number, no follow link).
    const foreign = await send(xinzhuangLine.key, ticket('RX20260301000001'));
    expect(foreign.statusCode).toBe(409);
    expect(errorCode(foreign)).toBe('opinions.hotline_ticket_taken');
    expect(foreign.body).not.toContain('MY');
  });

  it('refuses rows outside the staff member’s jurisdiction', async () => {
    const wb = await sheet([
      good('RX20260301000021', { 所属街镇: '七宝镇' }),
      good('RX20260301000022', { 所属街镇: '莘庄镇' }),
    ]);
    const tpl = await town.get('/api/hotline/template');
    expect(tpl.statusCode).toBe(200);
    const job = await upload(town, wb, 'clean_rows');
    expect(job.errors).toEqual([{ row: 2, column: '所属街镇', message: '七宝镇不在您的管辖范围内' }]);
    expect(job.created.map((c) => c.ticketNo)).toEqual(['RX20260301000022']);
    // Station staff and units may not import; another town's staff cannot read the job.
    expect((await (await signedIn(app, 'dept1')).get('/api/hotline/template')).statusCode).toBe(403);
    const qibao = await signedIn(app, 'qibao');
    expect(errorCode(await qibao.get(`/api/hotline/imports/${job.id}`))).toBe('auth.out_of_scope');
  });

  it('refuses a file that is not the template', async () => {
    const junk = await staff.post('/api/hotline/imports', {
      file: Buffer.from('not excel').toString('base64'),
    });
    expect(errorCode(junk)).toBe('opinions.hotline_file_unreadable');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '电话']);
    const noHeaders = await staff.post('/api/hotline/imports', {
      file: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(errorCode(noHeaders)).toBe('opinions.hotline_file_unreadable');
    expect(noHeaders.json().error.message).toContain('工单编号');
  });
});

describe('personal data at rest', () => {
  it('no column of any table holds a caller’s phone, name or address in plaintext', async () => {
    const tables = (await db.execute(sql`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`)) as unknown as Array<{
      schema: string;
      name: string;
    }>;
    const hits: string[] = [];
    for (const t of tables) {
      const q = `"${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`;
      const rows = (await db.execute(sql.raw(`select r::text as t from ${q} r`))) as unknown as Array<{
        t: string;
      }>;
      for (const r of rows)
        for (const s of [PHONE, NAME, '莘松路200弄', '13611112222', '王小明', '青年路88号'])
          if (r.t.includes(s)) hits.push(`${t.name}: ${s}`);
    }
    expect(hits).toEqual([]);
  });
});
