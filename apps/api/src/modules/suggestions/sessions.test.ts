import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { submitted } from './suggestions.fixtures';

// 人代会会期 entered by congress staff: listed per congress, validated, audited, edited.
const env = await startTestServer();
const { app, ctx, clock } = env;
const as = (u: string) => signedIn(app, u);
const audits = (action: string) => ctx.database.db.select().from(auditLog).where(eq(auditLog.action, action));
const session = (over: Record<string, unknown> = {}) => ({
  congressCode: '310112',
  term: 17,
  session: 7,
  startsOn: '2027-01-10',
  endsOn: '2027-01-12',
  ...over,
});

describe('congress sessions (会期) by congress staff', () => {
  it('are recorded per congress, refused in Chinese when wrong, and audited', async () => {
    clock.set('2026-12-01T09:00:00+08:00');
    const district = await as('district');
    const made = await district.post('/api/suggestions/sessions', session());
    expect(made.statusCode, made.body).toBe(201);
    expect((await audits('suggestions.session_defined')).map((a) => a.targetId)).toEqual([made.json().id]);

    const backwards = await district.post(
      '/api/suggestions/sessions',
      session({ session: 8, startsOn: '2027-03-05', endsOn: '2027-03-01' }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({
      code: 'suggestions.session_dates',
      message: '闭幕日期不能早于开幕日期',
    });
    const overlap = await district.post(
      '/api/suggestions/sessions',
      session({ session: 8, startsOn: '2027-01-12', endsOn: '2027-01-14' }),
    );
    expect(overlap.json().error).toMatchObject({
      code: 'suggestions.session_overlap',
      details: { session: '第17届第7次会议', startsOn: '2027-01-10', endsOn: '2027-01-12' },
    });
    const twice = await district.post(
      '/api/suggestions/sessions',
      session({ startsOn: '2027-06-01', endsOn: '2027-06-02' }),
    );
    expect(errorCode(twice)).toBe('suggestions.session_duplicate');
    const zero = await district.post('/api/suggestions/sessions', session({ term: 0 }));
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('届次应为 1–99 的整数');
    expect(
      errorCode(await district.post('/api/suggestions/sessions', session({ congressCode: '999999' }))),
    ).toBe('suggestions.congress_not_found');

    // The same days in a township congress are another congress's session: allowed to its staff.
    const xinzhuang = await as('xinzhuang');
    const town = await xinzhuang.post(
      '/api/suggestions/sessions',
      session({ congressCode: '310112101', term: 7, session: 3 }),
    );
    expect(town.statusCode, town.body).toBe(201);
    expect(errorCode(await xinzhuang.post('/api/suggestions/sessions', session({ session: 9 })))).toBe(
      'auth.out_of_scope',
    );
    expect(
      errorCode(await (await as('dept1')).post('/api/suggestions/sessions', session({ session: 9 }))),
    ).toBe('auth.forbidden');
    // Each sees the sessions of the congresses they count; the district its townships' too.
    const mine = (await xinzhuang.get('/api/suggestions/sessions')).json().items;
    expect(mine.map((s: { label: string }) => s.label)).toEqual(['第7届第3次会议']);
    const all = (await district.get('/api/suggestions/sessions')).json().items;
    expect(new Set(all.map((s: { congressCode: string }) => s.congressCode))).toEqual(
      new Set(['310112', '310112101']),
    );
    const one = (await district.get('/api/suggestions/sessions?congressCode=310112')).json().items;
    expect(one.every((s: { congressCode: string }) => s.congressCode === '310112')).toBe(true);
    expect(one.find((s: { id: string }) => s.id === made.json().id)).toMatchObject({
      label: '第17届第7次会议',
      suggestions: 0,
      editable: true,
    });
    const qibao = await as('qibao');
    expect((await qibao.get('/api/suggestions/sessions')).json().items).toEqual([]);
    expect(
      errorCode(
        await qibao.put(`/api/suggestions/sessions/${town.json().id}`, {
          term: 7,
          session: 3,
          startsOn: '2027-01-10',
          endsOn: '2027-01-11',
        }),
      ),
    ).toBe('suggestions.session_not_found');
  });

  it('are edited: dates freely (still checked), term and number only while no suggestion counts in it', async () => {
    clock.set('2026-12-01T09:00:00+08:00');
    const district = await as('district');
    const made = await district.post(
      '/api/suggestions/sessions',
      session({ session: 10, startsOn: '2027-02-20', endsOn: '2027-02-22' }),
    );
    const id = made.json().id as string;
    const moved = await district.put(`/api/suggestions/sessions/${id}`, {
      term: 17,
      session: 10,
      startsOn: '2027-02-21',
      endsOn: '2027-02-24',
    });
    expect(moved.json()).toMatchObject({ startsOn: '2027-02-21', endsOn: '2027-02-24' });
    const [audit] = await audits('suggestions.session_updated');
    expect(audit!.details).toMatchObject({
      before: { startsOn: '2027-02-20', endsOn: '2027-02-22' },
      after: { startsOn: '2027-02-21', endsOn: '2027-02-24' },
    });
    // Onto the first test's session (2027-01-10 … 12): refused.
    expect(
      errorCode(
        await district.put(`/api/suggestions/sessions/${id}`, {
          term: 17,
          session: 10,
          startsOn: '2027-01-09',
          endsOn: '2027-01-10',
        }),
      ),
    ).toBe('suggestions.session_overlap');

    // A suggestion submitted during it is 会议期间 and numbered in it: the number is now fixed.
    clock.set('2027-02-22T10:00:00+08:00');
    const sid = await submitted(await as('deputy1'));
    const reg = await (await as('district')).post(`/api/suggestions/${sid}/register`);
    expect(reg.json()).toMatchObject({ period: 'session', registerNo: '第17届第10次会议第0001号' });
    const staff = await as('district');
    const renumber = await staff.put(`/api/suggestions/sessions/${id}`, {
      term: 17,
      session: 11,
      startsOn: '2027-02-21',
      endsOn: '2027-02-24',
    });
    expect(renumber.json().error).toMatchObject({
      code: 'suggestions.session_in_use',
      details: { suggestions: 1 },
    });
    const longer = await staff.put(`/api/suggestions/sessions/${id}`, {
      term: 17,
      session: 10,
      startsOn: '2027-02-21',
      endsOn: '2027-02-25',
    });
    expect(longer.statusCode, longer.body).toBe(200);
    const listed = (await staff.get('/api/suggestions/sessions?congressCode=310112')).json().items;
    expect(listed.find((s: { id: string }) => s.id === id)).toMatchObject({
      suggestions: 1,
      endsOn: '2027-02-25',
    });
  });
});
