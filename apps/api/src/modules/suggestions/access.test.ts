import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { assigned, deputyOf, otherDepartmentHandler, submitted } from './suggestions.fixtures';

// Deny by default and scoped: a unit sees its assignments, a deputy their own and co-signed ones,
// staff their jurisdiction's subtree.
const env = await startTestServer();
const { app } = env;
const as = (u: string) => signedIn(app, u);
const ids = (res: { json: () => { items: Array<{ id: string }> } }) => res.json().items.map((i) => i.id);

describe('who sees which suggestion', () => {
  it('another unit, another deputy, another street see nothing', async () => {
    const deputy = await as('deputy1');
    const id = await assigned(env, deputy);

    // Another unit.
    const market = await otherDepartmentHandler(env);
    expect(errorCode(await market.client.get(`/api/suggestions/${id}`))).toBe('suggestions.not_found');
    expect(ids(await market.client.get('/api/suggestions?pageSize=200'))).not.toContain(id);
    expect(
      errorCode(
        await market.client.post(`/api/suggestions/${id}/answer`, {
          body: '越权答复的内容，不应被接受。',
          category: 'A',
          signerName: '某某',
          signerTitle: '局长',
        }),
      ),
    ).toBe('suggestions.not_your_department');
    expect(ids(await (await as('dept1')).get('/api/suggestions?pageSize=200'))).toContain(id);

    // Another deputy (not a co-signer).
    const stranger = await deputyOf(env, '310112', 1);
    expect(errorCode(await stranger.client.get(`/api/suggestions/${id}`))).toBe('suggestions.not_found');
    expect(ids(await stranger.client.get('/api/suggestions'))).not.toContain(id);
    expect(
      errorCode(
        await stranger.client.post(`/api/suggestions/${id}/rate`, {
          attitude: 'satisfied',
          result: 'satisfied',
        }),
      ),
    ).toMatch(/not_your_suggestion|workflow.not_allowed/);
    expect(ids(await deputy.get('/api/suggestions'))).toContain(id);

    // Another street: a township congress's suggestion is seen by its own staff and the district only.
    const local = await deputyOf(env, '310112101');
    const townId = await submitted(local.client, { congressCode: '310112101' });
    expect(ids(await (await as('xinzhuang')).get('/api/suggestions'))).toEqual([townId]);
    expect((await (await as('xinzhuang')).get(`/api/suggestions/${townId}`)).json().congressCode).toBe(
      '310112101',
    );
    const qibao = await as('qibao');
    expect(errorCode(await qibao.get(`/api/suggestions/${townId}`))).toBe('suggestions.not_found');
    expect(ids(await qibao.get('/api/suggestions'))).toEqual([]);
    expect(errorCode(await qibao.post(`/api/suggestions/${townId}/register`))).toBe('auth.out_of_scope');
    expect(errorCode(await (await as('xinzhuang')).get(`/api/suggestions/${id}`))).toBe(
      'suggestions.not_found',
    );
    expect(ids(await (await as('district')).get('/api/suggestions?pageSize=200'))).toEqual(
      expect.arrayContaining([id, townId]),
    );

    // A deputy without a seat in that congress cannot address it.
    expect(
      errorCode(
        await stranger.client.post('/api/suggestions', {
          title: '关于某镇事务的建议',
          body: '这是一条向自己没有席位的人大提出的建议，应当被拒绝，因为代表只能向本级人大提出建议。',
          category: '其他',
          congressCode: '310112101',
        }),
      ),
    ).toBe('suggestions.no_mandate');
    // Departments and staff cannot draft.
    expect(errorCode(await (await as('dept1')).post('/api/suggestions', {}))).toBe('auth.forbidden');
  });
});
