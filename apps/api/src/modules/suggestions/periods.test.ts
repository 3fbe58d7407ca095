import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { assigned, departmentIdOf } from './suggestions.fixtures';

// `suggestions.monthsRule`: the civil code's count (default) or plain calendar months, per congress,
// for the answer (3/6 months), re-handling and 会办意见 periods.
const env = await startTestServer();
const { app, clock } = env;
const as = (u: string) => signedIn(app, u);
const detail = async (id: string) => (await (await as('district')).get(`/api/suggestions/${id}`)).json();
const jointDueDay = (d: { assignments: Array<{ role: string; opinionDueAt: string | null }> }) => {
  const due = d.assignments.find((a) => a.role === 'joint')!.opinionDueAt!;
  return new Date(Date.parse(due) + 8 * 3_600_000).toISOString().slice(0, 10);
};

/** Answered A on 2027-01-28 and rated 不满意: re-handled within one month (to Sunday 2027-02-28). */
async function rehandled(id: string) {
  clock.set('2027-01-28T10:00:00+08:00');
  const deputy = await as('deputy1');
  const a = await (await as('dept1')).post(`/api/suggestions/${id}/answer`, {
    body: '已会同街道完成现场踏勘，正在制定方案。',
    category: 'A',
    signerName: '李华',
    signerTitle: '副局长',
  });
  expect(a.statusCode, a.body).toBe(200);
  const r = await deputy.post(`/api/suggestions/${id}/rate`, {
    attitude: 'satisfied',
    result: 'dissatisfied',
  });
  expect(r.json()).toMatchObject({ state: 'rehandling' });
  return r.json() as { answerDueDay: string };
}

describe('the rule counting periods in months is a per-congress setting', () => {
  it('by default the civil code: a last day on a rest day moves to the next working day', async () => {
    clock.set('2026-11-30T10:00:00+08:00');
    expect((await detail(await assigned(env, await as('deputy1')))).answerDueDay).toBe('2027-03-01');
    // 2026-12-30 + 1 month = Saturday 2027-01-30 → Monday 2027-02-01 for the joint unit.
    clock.set('2026-12-30T10:00:00+08:00');
    const id = await assigned(env, await as('deputy1'), {
      jointDepartmentIds: [await departmentIdOf(env, 'dept2')],
    });
    const d = await detail(id);
    expect(d.answerDueDay).toBe('2027-03-30');
    expect(jointDueDay(d)).toBe('2027-02-01');
    expect((await rehandled(id)).answerDueDay).toBe('2027-03-01');
  });

  it("'plain' counts calendar months and leaves a last day on a rest day where it falls", async () => {
    clock.set('2026-11-30T10:00:00+08:00');
    const staff = await as('district');
    const bad = await staff.put('/api/settings/suggestions.monthsRule?scope=310112', { value: 'lunar' });
    expect(errorCode(bad)).toBe('settings.invalid_value');
    const set = await staff.put('/api/settings/suggestions.monthsRule?scope=310112', { value: 'plain' });
    expect(set.statusCode, set.body).toBe(200);
    const plain = await assigned(env, await as('deputy1'));
    expect((await detail(plain)).answerDueDay).toBe('2027-02-28');
    // The approved 6-month period: 2027-05-30, a Sunday, stays.
    const ext = await staff.post(`/api/suggestions/${plain}/extend`, { reason: '涉及多个部门，难度较大。' });
    expect(ext.json()).toMatchObject({ answerDueDay: '2027-05-30', difficult: true });
    clock.set('2026-12-30T10:00:00+08:00');
    const id = await assigned(env, await as('deputy1'), {
      jointDepartmentIds: [await departmentIdOf(env, 'dept2')],
    });
    expect(jointDueDay(await detail(id))).toBe('2027-01-30');
    expect((await rehandled(id)).answerDueDay).toBe('2027-02-28');
  });
});
