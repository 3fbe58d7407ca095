import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { jpegWithExif, tinyPng } from '../opinions/opinions.fixtures';
import { departmentIdOf, deputyOf, otherDepartmentHandler } from './suggestions.fixtures';
import { suggestionAttachments } from './suggestions.schema';

// Monday 2026-03-02; the district congress is 310112, 莘庄镇 310112101, 七宝镇 310112102.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const as = (u: string) => signedIn(app, u);

const dataUrl = (mime: string, b: Buffer) => `data:${mime};base64,${b.toString('base64')}`;
const has = (buf: Buffer, s: string) => buf.includes(Buffer.from(s, 'latin1'));
const tinyPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
/** Every file stored for suggestions (uploads/suggestions/<region>/…). */
const storedFiles = (): string[] => {
  const root = path.join(ctx.config.dataDir, 'uploads', 'suggestions');
  return fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.\w+$/.test(f))
    : [];
};
const rows = async () =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(suggestionAttachments))[0]!.n);
const draft = async (c: Client, extra: Record<string, unknown> = {}) => {
  const r = await c.post('/api/suggestions', {
    title: '关于增设社区养老助餐点的建议',
    body: '辖区老年人口比例高，独居老人就餐困难，建议在各居委会增设养老助餐点并给予运营补贴，附调研照片和报告。',
    category: '民政养老',
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};

describe('suggestion attachments (建议附件)', () => {
  it('the lead deputy uploads photos (EXIF stripped) and a PDF while drafting; co-signers, staff and the assigned units read them', async () => {
    const lead = await as('deputy1');
    const co = await deputyOf(env);
    const id = await draft(lead);
    await co.client.post(`/api/suggestions/${id}/cosign`);

    const up = await lead.post(`/api/suggestions/${id}/attachments`, {
      files: [
        dataUrl('image/jpeg', jpegWithExif()),
        `data:application/pdf;base64,${tinyPdf().toString('base64')}`,
      ],
    });
    expect(up.statusCode, up.body).toBe(201);
    const files = up.json().attachments as Array<{ id: string; mime: string; bytes: number }>;
    expect(files.map((f) => f.mime)).toEqual(['image/jpeg', 'application/pdf']);
    const [jpeg, pdf] = files as [(typeof files)[0], (typeof files)[0]];

    const detail = (await lead.get(`/api/suggestions/${id}`)).json();
    expect(detail.attachments).toHaveLength(2);
    expect(detail.attachmentsEditable).toBe(true);
    expect((await co.client.get(`/api/suggestions/${id}`)).json().attachmentsEditable).toBe(false);

    const got = await co.client.get(`/api/suggestions/${id}/attachments/${jpeg.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(has(got.rawPayload, 'GPSLatitude')).toBe(false);
    expect(has(got.rawPayload, 'taken at home')).toBe(false);
    expect(got.rawPayload.length).toBe(jpeg.bytes);
    const [row] = await db.select().from(suggestionAttachments).where(eq(suggestionAttachments.id, jpeg.id));
    expect(row!.storagePath).toMatch(/^uploads\/suggestions\/310112\/[0-9a-f]{2}\/[0-9a-f]{64}\.jpg$/);
    expect(has(fs.readFileSync(path.join(ctx.config.dataDir, row!.storagePath)), 'GPSLatitude')).toBe(false);
    const audit = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'suggestions.attachments_added'));
    expect(audit.some((a) => a.targetId === id)).toBe(true);

    // A co-signer may not change them; a deputy who did not sign does not even see the suggestion.
    expect(
      errorCode(
        await co.client.post(`/api/suggestions/${id}/attachments`, {
          files: [dataUrl('image/png', tinyPng())],
        }),
      ),
    ).toBe('suggestions.not_your_suggestion');
    const stranger = await deputyOf(env, '310112', 1);
    expect(
      errorCode(
        await stranger.client.post(`/api/suggestions/${id}/attachments`, {
          files: [dataUrl('image/png', tinyPng())],
        }),
      ),
    ).toBe('suggestions.not_found');
    expect(errorCode(await stranger.client.get(`/api/suggestions/${id}/attachments/${pdf.id}`))).toBe(
      'suggestions.not_found',
    );

    // Staff see nothing of a draft; once submitted the district's staff read it, a street's staff do not.
    const district = await as('district');
    expect(errorCode(await district.get(`/api/suggestions/${id}/attachments/${pdf.id}`))).toBe(
      'suggestions.not_found',
    );
    expect((await lead.post(`/api/suggestions/${id}/submit`)).statusCode).toBe(200);
    // Still editable while awaiting review.
    const more = await lead.post(`/api/suggestions/${id}/attachments`, {
      files: [dataUrl('image/png', tinyPng())],
    });
    expect(more.statusCode, more.body).toBe(201);
    expect(more.json().attachments).toHaveLength(3);
    const got2 = await district.get(`/api/suggestions/${id}/attachments/${pdf.id}`);
    expect(got2.statusCode).toBe(200);
    expect(got2.headers['content-type']).toContain('application/pdf');
    expect(got2.rawPayload.equals(tinyPdf())).toBe(true);
    const street = await as('xinzhuang');
    const denied = await street.get(`/api/suggestions/${id}/attachments/${pdf.id}`);
    expect(errorCode(denied)).toBe('suggestions.not_found');
    expect(denied.body).not.toContain('%PDF');

    // Registered: locked. Assigned to dept1 (lead) and a joint unit; a unit not assigned reads nothing.
    expect((await district.post(`/api/suggestions/${id}/register`)).statusCode).toBe(200);
    const locked = await lead.post(`/api/suggestions/${id}/attachments`, {
      files: [dataUrl('image/png', tinyPng())],
    });
    expect(errorCode(locked)).toBe('suggestions.attachments_locked');
    expect(locked.json().error.message).toMatch(/立案后不能再修改附件/);
    expect(errorCode(await lead.request('DELETE', `/api/suggestions/${id}/attachments/${jpeg.id}`))).toBe(
      'suggestions.attachments_locked',
    );
    const joint = await otherDepartmentHandler(env, '区民政局');
    const asg = await district.post('/api/suggestions/assign', {
      ids: [id],
      departmentId: await departmentIdOf(env, 'dept1'),
      jointDepartmentIds: [joint.departmentId],
    });
    expect(asg.statusCode, asg.body).toBe(200);
    expect((await (await as('dept1')).get(`/api/suggestions/${id}/attachments/${jpeg.id}`)).statusCode).toBe(
      200,
    );
    expect((await joint.client.get(`/api/suggestions/${id}/attachments/${pdf.id}`)).statusCode).toBe(200);
    const market = await otherDepartmentHandler(env);
    const unassigned = await market.client.get(`/api/suggestions/${id}/attachments/${jpeg.id}`);
    expect(unassigned.statusCode).toBe(404);
    expect(errorCode(unassigned)).toBe('suggestions.not_found');
    expect(has(unassigned.rawPayload, 'JFIF')).toBe(false);

    // Never on the portal: the public detail has no attachments even once published.
    expect(
      JSON.stringify((await app.inject({ method: 'GET', url: `/api/public/suggestions/${id}` })).json()),
    ).not.toMatch(/attachment|storage/);
  });

  it('a file that is neither an image nor a PDF is refused in Chinese and nothing is stored', async () => {
    const lead = await as('deputy1');
    const id = await draft(lead);
    const before = { rows: await rows(), files: storedFiles().length };
    const bad = await lead.post(`/api/suggestions/${id}/attachments`, {
      files: [
        dataUrl('image/png', tinyPng(3, 3)),
        dataUrl('image/png', Buffer.from('MZ this is an exe, not a picture')),
      ],
    });
    expect(bad.statusCode).toBe(415);
    expect(errorCode(bad)).toBe('suggestions.file_type');
    expect(bad.json().error.message).toBe('附件只支持 JPEG、PNG、WebP 格式的照片或 PDF 文件');
    // A "PDF" without its trailer is refused too.
    const cut = await lead.post(`/api/suggestions/${id}/attachments`, {
      files: [dataUrl('application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n', 'latin1'))],
    });
    expect(errorCode(cut)).toBe('suggestions.file_type');
    expect(await rows()).toBe(before.rows);
    expect(storedFiles()).toHaveLength(before.files);
    expect((await lead.get(`/api/suggestions/${id}`)).json().attachments).toEqual([]);

    // Removing the last row holding a file removes the file.
    const ok = await lead.post(`/api/suggestions/${id}/attachments`, {
      files: [dataUrl('image/png', tinyPng(5, 5))],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(storedFiles()).toHaveLength(before.files + 1);
    const del = await lead.request(
      'DELETE',
      `/api/suggestions/${id}/attachments/${ok.json().attachments[0].id}`,
    );
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().attachments).toEqual([]);
    expect(storedFiles()).toHaveLength(before.files);
  });

  it('a township suggestion’s attachments: its own street’s staff read them, another street’s do not', async () => {
    const local = await deputyOf(env, '310112101');
    const id = await draft(local.client, { congressCode: '310112101' });
    const up = await local.client.post(`/api/suggestions/${id}/attachments`, {
      files: [dataUrl('image/png', tinyPng(6, 6))],
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().attachments[0].id as string;
    expect((await local.client.post(`/api/suggestions/${id}/submit`)).statusCode).toBe(200);
    expect(
      (await (await as('xinzhuang')).get(`/api/suggestions/${id}/attachments/${fileId}`)).statusCode,
    ).toBe(200);
    expect(errorCode(await (await as('qibao')).get(`/api/suggestions/${id}/attachments/${fileId}`))).toBe(
      'suggestions.not_found',
    );
  });
});
