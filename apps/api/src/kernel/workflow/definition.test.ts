import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { availableActions, type CaseRow, defineCaseType } from './definition';

const citizen = (id: string): Actor => ({
  kind: 'citizen',
  accountId: id,
  regionCode: '310112',
  label: '群众',
  grants: [],
});
const staff: Actor = {
  kind: 'staff',
  accountId: 's1',
  regionCode: '310112',
  label: '工作人员',
  grants: [
    {
      role: 'congress_staff',
      scopeCode: '310112101',
      scopePath: '/31/3101/310112/310112101/',
      scopeName: '莘庄镇',
    },
  ],
};

const def = defineCaseType({
  type: 'deftest',
  label: '测试',
  trackingPrefix: 'DT',
  initial: 'replied',
  states: { replied: { phase: 'feedback', label: '已答复' }, closed: { phase: 'closed', label: '已办结' } },
  actions: {
    rate: {
      label: '评价',
      from: ['replied'],
      to: 'closed',
      roles: ['citizen', 'congress_staff'],
      guard: (c, _p, a) =>
        a.kind === 'citizen' && (c.data as { owner?: string }).owner !== a.accountId
          ? '只能评价本人的事项'
          : null,
    },
    note: { label: '备注', from: ['replied'], roles: ['congress_staff'] },
  },
});

const row = (path: string) =>
  ({
    regionCode: '310112',
    state: 'replied',
    jurisdictionPath: path,
    data: { owner: 'c1' },
  }) as unknown as CaseRow;

describe('case type definitions', () => {
  it('refuses an action open to citizens without a guard saying whose case it is', () => {
    expect(() =>
      defineCaseType({
        type: 'deftest2',
        label: '测试',
        trackingPrefix: 'DU',
        initial: 'a',
        states: { a: { phase: 'intake', label: 'A' } },
        actions: { x: { label: 'X', from: ['a'], roles: ['citizen'] } },
      }),
    ).toThrow(/allows citizens but has no guard/);
  });

  it('lists for an actor only what it may do: citizens their own case, staff within their scope', () => {
    const own = row('/31/3101/310112/310112101/');
    expect(availableActions(def, own, citizen('c1')).map((a) => a.action)).toEqual(['rate']);
    expect(availableActions(def, own, citizen('c2'))).toEqual([]);
    expect(availableActions(def, own, staff).map((a) => a.action)).toEqual(['rate', 'note']);
    expect(availableActions(def, row('/31/3101/310112/310112102/'), staff)).toEqual([]);
    // An action without `to` keeps the state.
    expect(def.actions.note!.to).toBeUndefined();
  });
});
