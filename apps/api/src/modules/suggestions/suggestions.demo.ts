import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, systemActor } from '../../kernel/auth/actor';
import type { Clock } from '../../kernel/clock';
import type { AppContext } from '../../kernel/context';
import type { Database, Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { accounts } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import type { DemoRegion } from '../demo/generate';
import { deputyMandates } from '../deputies/deputies.schema';
import { opinions } from '../opinions/opinions.schema';
import {
  answerSuggestion,
  markKey,
  publishSuggestion,
  rateSuggestion,
  reportProgress,
  updatePil,
} from './answers.usecases';
import { draftFromOpinion, draftSuggestion, submitSuggestion } from './drafting.usecases';
import {
  assignSuggestions,
  convertToLetter,
  giveJointOpinion,
  recordContact,
  registerSuggestion,
} from './handling.usecases';
import { submitRecommendation } from './pil';
import { act, withSuggestion } from './suggestions.repository';
import { suggestionSessions, suggestionSigners } from './suggestions.schema';

class DemoClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

type End = 'draft' | 'registered' | 'letter' | 'assigned' | 'rehandling' | 'follow_up' | 'closed';
const DEMO: Array<[string, string, string, End]> = [
  [
    '关于优化莘庄地铁站周边非机动车停放管理的建议',
    '莘庄地铁站南北广场非机动车乱停放现象突出，高峰时段占用盲道和消防通道。建议增设立体停车架，划定共享单车电子围栏，并由街镇牵头建立常态化巡查机制。',
    '城市管理',
    'closed',
  ],
  [
    '关于加快老旧小区加装电梯审批和补贴落地的建议',
    '我区老旧多层住宅老年人口比例高，加装电梯意愿强烈，但审批环节多、低层住户协调难、补贴到位慢。建议推行“一站式”审批，明确补贴拨付时限，并引入第三方协调机制。',
    '城乡建设',
    'follow_up',
  ],
  [
    '关于增加社区嵌入式养老服务床位的建议',
    '随着老龄化加深，社区长者照护之家床位供不应求，排队时间长。建议利用闲置公共用房改建嵌入式养老机构，并对社会力量运营给予租金和床位补贴。',
    '社会保障',
    'assigned',
  ],
  [
    '关于规范校外托管机构管理的建议',
    '部分校外托管机构场地安全、食品卫生和从业人员资质缺乏监管，家长反映强烈。建议明确主管部门，建立备案和联合检查制度，公布合规机构名单。',
    '教育',
    'rehandling',
  ],
  [
    '关于在地铁站增设公共卫生间的建议',
    '部分地铁站出站后周边缺少公共卫生间，乘客如厕不便。建议在站内或出入口附近增设公共卫生间，并在导向标识中标注位置。',
    '城市管理',
    'letter',
  ],
  [
    '关于治理淀浦河支流黑臭水体的建议',
    '淀浦河部分支流夏季水体发黑发臭，周边居民反映强烈。建议排查沿岸雨污混接和违法排污，实施截污纳管和生态修复，并定期公布水质监测结果。',
    '生态环境',
    'registered',
  ],
  [
    '关于完善社区停车错时共享机制的建议',
    '老旧小区夜间停车难，周边单位停车场夜间空置。建议由街镇牵头推动单位停车场错时向居民开放，制定收费和安全管理规范。',
    '城市管理',
    'draft',
  ],
];

/**
 * Demo suggestions of the district congress, each driven through the real commands on a clock
 * moving through its past: a session in January, a handful in every state (answered and
 * published, B under follow-up and key supervision, re-handling, a letter, awaiting assignment,
 * a draft), co-signed, with 面商, joint units and one drawn from a citizen opinion.
 */
export async function seedSuggestionsDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<number> {
  const rc = region.regionCode;
  const byName = async (username: string): Promise<Actor | null> => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.username, username));
    return a ? actorFor(a, await loadGrants(tx, a)) : null;
  };
  const [deputy, district, dept] = [await byName('deputy1'), await byName('district'), await byName('dept1')];
  const [d1] = await tx.select().from(accounts).where(eq(accounts.username, 'deputy1'));
  if (!deputy || !district || !dept || !d1?.deputyId) return 0;
  const [seat] = await tx
    .select()
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, rc),
        eq(deputyMandates.deputyId, d1.deputyId),
        eq(deputyMandates.congressJurisdictionCode, rc),
      ),
    );
  if (!seat) return 0;
  const peers = await tx
    .select({ id: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, rc),
        eq(deputyMandates.congressJurisdictionCode, rc),
        isNull(deputyMandates.endedOn),
      ),
    )
    .limit(6);
  const coSigners = peers
    .map((p) => p.id)
    .filter((id) => id !== d1.deputyId)
    .slice(0, 3);
  const market = region.departments.find((d) => d.name === '区市场监管局');
  const [marketHandler] = market
    ? await tx
        .select()
        .from(accounts)
        .where(and(eq(accounts.regionCode, rc), eq(accounts.departmentId, market.id)))
        .limit(1)
    : [];
  const joint = marketHandler ? actorFor(marketHandler, await loadGrants(tx, marketHandler)) : null;

  const start = ctx.clock.now().getTime();
  const clock = new DemoClock(start);
  const dctx: AppContext = {
    ...ctx,
    clock,
    database: { ...ctx.database, db: tx as unknown as Database['db'] },
  };
  await tx.insert(suggestionSessions).values({
    regionCode: rc,
    id: uuidv7(start),
    congressCode: rc,
    term: seat.term,
    session: 5,
    startsOn: '2026-01-12',
    endsOn: '2026-01-15',
  });
  const at = (iso: string) => {
    clock.t = Date.parse(iso);
  };
  const [dept1Account] = await tx.select().from(accounts).where(eq(accounts.username, 'dept1'));
  const departmentId = dept1Account?.departmentId ?? region.departments[0]!.id;
  let n = 0;
  for (const [i, [title, body, category, end]] of DEMO.entries()) {
    at(end === 'registered' ? '2026-02-24T10:00:00+08:00' : `2026-01-1${2 + (i % 4)}T10:00:00+08:00`);
    if (end === 'draft') at('2026-02-27T16:00:00+08:00');
    const c = await draftSuggestion(dctx, deputy, { title, body, category, congressCode: rc });
    n++;
    // 联名: other deputies of the district congress sign (their workbench accounts are not in the demo).
    for (const [k, co] of coSigners.slice(0, 1 + (i % 3)).entries())
      await withSuggestion(dctx, systemActor(rc, '代表联名'), c.id, async (t, cc) => {
        await t.insert(suggestionSigners).values({
          regionCode: rc,
          caseId: cc.id,
          deputyId: co,
          role: 'co',
          signedAt: new Date(clock.t + (k + 1) * 600_000),
        });
        await act(dctx, t, cc, 'cosign', systemActor(rc, '代表联名'));
      });
    if (end === 'draft') continue;
    clock.t += 3_600_000;
    await submitSuggestion(dctx, deputy, c.id);
    if (end === 'letter') {
      at('2026-01-20T10:00:00+08:00');
      await convertToLetter(dctx, district, c.id, '所提问题属于具体事务，已转有关部门作为来信办理。');
      continue;
    }
    at(end === 'registered' ? '2026-02-26T10:00:00+08:00' : `2026-01-2${i % 3}T10:00:00+08:00`);
    await registerSuggestion(dctx, district, c.id);
    if (end === 'registered') {
      await updatePil(dctx, district, c.id, {
        status: 'handed',
        note: '涉及水环境公益保护，已移送区人民检察院作为公益诉讼线索。',
      });
      continue;
    }
    at('2026-01-28T10:00:00+08:00');
    await assignSuggestions(dctx, district, [c.id], {
      departmentId,
      jointDepartmentIds: i === 0 && market ? [market.id] : [],
      difficult: end === 'follow_up',
      batch: '2026年代表建议交办会',
    });
    if (end === 'assigned') continue;
    at('2026-02-05T10:00:00+08:00');
    if (i === 0 && joint)
      await giveJointOpinion(dctx, joint, c.id, '同意主办单位意见，我局将配合做好周边商户车辆停放引导。');
    await recordContact(dctx, dept, c.id, {
      stage: 'before',
      day: '2026-02-05',
      form: i % 2 === 0 ? 'visit' : 'meeting',
      agreed: '与领衔代表面商办理思路，商定分步实施并定期反馈进展。',
    });
    at('2026-02-12T10:00:00+08:00');
    const b = end === 'follow_up';
    await answerSuggestion(dctx, dept, c.id, {
      body: b
        ? '已将加装电梯“一站式”审批纳入年度改革计划，补贴拨付时限拟缩短至30个工作日，预计年内完成制度修订。'
        : end === 'rehandling'
          ? '经研究，校外托管机构的管理职责尚待明确，留作今后工作参考。'
          : '已在南北广场增设立体停车架600个，划定电子围栏，并建立每日巡查机制。',
      category: b ? 'B' : end === 'rehandling' ? 'C' : 'A',
      signerName: '陈志刚',
      signerTitle: '局长',
      ...(b ? { promisedOn: '2026-10-31' } : {}),
    });
    at('2026-02-20T10:00:00+08:00');
    await rateSuggestion(dctx, deputy, c.id, {
      attitude: end === 'rehandling' ? 'basically_satisfied' : 'satisfied',
      result: end === 'rehandling' ? 'dissatisfied' : b ? 'basically_satisfied' : 'satisfied',
      ...(end === 'rehandling' ? { comment: '职责不明不是不办理的理由，请明确牵头部门。' } : {}),
    });
    if (b) {
      await markKey(dctx, district, c.id, { year: 2026, leader: '区人大常委会副主任' });
      at('2026-02-27T10:00:00+08:00');
      await reportProgress(dctx, dept, c.id, { kind: 'key', body: '已完成审批流程梳理，正在征求街镇意见。' });
    }
    if (end === 'closed' || b) {
      at('2026-02-25T10:00:00+08:00');
      await publishSuggestion(dctx, district, c.id);
    }
  }
  // 民意转建议: deputy1 takes up a citizen opinion addressed to them.
  const [op] = await tx
    .select({ id: opinions.caseId })
    .from(opinions)
    .where(and(eq(opinions.regionCode, rc), eq(opinions.deputyId, d1.deputyId)))
    .limit(1);
  if (op) {
    at('2026-02-26T15:00:00+08:00');
    await draftFromOpinion(dctx, deputy, op.id, {
      title: '关于系统解决群众反映的小区公共设施维护问题的建议',
      body: '接待中群众反映的小区公共设施维护不及时问题具有普遍性，建议建立维修资金快速使用机制，明确物业、业委会和街镇的责任分工。',
      category: '社会治理',
      congressCode: rc,
    });
    n++;
  }
  // 检察建议: the district procuratorate hands one to the congress, for a deputy to take up.
  const procurator = await byName('procurator1');
  if (procurator) {
    at('2026-02-27T11:00:00+08:00');
    await submitRecommendation(dctx, procurator, {
      title: '关于加强饮用水水源地保护区违法建设整治的检察建议',
      body: '本院在履行公益诉讼检察职责中发现，黄浦江上游饮用水水源二级保护区内存在违法建设和生活污水直排问题，危害饮用水安全。建议推动有关部门开展专项整治，完善巡查和执法联动机制。',
      reference: '闵检行公建〔2026〕3号',
    });
  }
  clock.t = start;
  return n;
}
