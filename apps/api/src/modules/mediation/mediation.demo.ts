import { and, eq, like } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { Clock } from '../../kernel/clock';
import type { AppContext } from '../../kernel/context';
import type { Database, Tx } from '../../kernel/db/client';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import type { DemoRegion } from '../demo/generate';
import { deputyMandates } from '../deputies/deputies.schema';
import { stations } from '../stations/stations.schema';
import { draftFromFinding } from '../suggestions/mediation';
import {
  type ActionInput,
  actOnMediation,
  addFinding,
  addSession,
  registerMediation,
} from './mediation.usecases';

class DemoClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

const DAY = 86_400_000;
type End = 'registered' | 'mediating' | 'agreed' | 'closed' | 'failed' | 'rejected';

interface DemoCase {
  daysAgo: number;
  end: End;
  title: string;
  disputeType: 'neighbour' | 'property' | 'family' | 'labour' | 'consumer';
  summary: string;
  parties: Array<{ role: 'applicant' | 'respondent'; name: string; phone: string; address?: string }>;
  minutes?: string[];
  finding?: string;
  agreement?: string;
  suggestion?: { title: string; body: string; category: string };
}

const CASES: DemoCase[] = [
  {
    daysAgo: 40,
    end: 'closed',
    title: '楼上卫生间渗漏引发邻里纠纷',
    disputeType: 'neighbour',
    summary: '申请人称楼上卫生间长期渗漏，自家天花板霉变脱落，多次协商未果，请求对方维修防水并赔偿损失。',
    parties: [
      { role: 'applicant', name: '周海林', phone: '13900001101', address: '莘庄镇莘建路 88 弄 3 号 502 室' },
      { role: 'respondent', name: '钱玉兰', phone: '13900001102', address: '莘庄镇莘建路 88 弄 3 号 602 室' },
    ],
    minutes: [
      '听取双方陈述，代表与物业现场查看渗漏点，确认为卫生间防水层老化。',
      '双方就维修方式和补偿金额达成一致，物业协助安排施工。',
    ],
    finding: '该小区建成二十余年，多栋楼防水层普遍老化，维修资金使用审批慢，同类纠纷反复发生。',
    agreement: '被申请人于十日内完成卫生间防水维修，并一次性补偿申请人 1500 元；物业负责施工协调。',
    suggestion: {
      title: '关于简化老旧小区住宅维修资金使用程序的建议',
      body: '在调解邻里渗漏纠纷中发现，老旧小区防水层普遍老化，但维修资金使用需业主大会表决、审批环节多，群众急难问题得不到及时解决。建议对紧急维修事项实行简易程序，明确审批时限，并由街镇统筹安排应急维修。',
      category: '城乡建设',
    },
  },
  {
    daysAgo: 30,
    end: 'failed',
    title: '物业服务费拖欠纠纷',
    disputeType: 'property',
    summary: '物业公司称业主连续两年未缴物业费；业主称电梯长期故障、保洁不到位，拒绝缴费。',
    parties: [
      { role: 'applicant', name: '上海某物业服务有限公司（经理 孙志强）', phone: '13900001201' },
      { role: 'respondent', name: '吴建华', phone: '13900001202', address: '莘庄镇都市路 500 弄 12 号' },
    ],
    minutes: ['组织双方面对面沟通，业主要求先修电梯再缴费，物业要求先缴费，分歧较大。'],
  },
  {
    daysAgo: 12,
    end: 'agreed',
    title: '夜间广场舞噪声扰民纠纷',
    disputeType: 'neighbour',
    summary: '临街住户反映小区广场舞音响音量大、持续到晚上九点半，影响老人和学生休息。',
    parties: [
      { role: 'applicant', name: '郑晓燕', phone: '13900001301' },
      { role: 'respondent', name: '冯桂芝（广场舞队负责人）', phone: '13900001302' },
    ],
    minutes: ['代表召集住户代表和舞队负责人协商，约定活动时间和音量。'],
    agreement: '舞队活动时间调整为 19:00—20:30，使用便携音箱并控制音量；居委会每周巡查一次。',
  },
  {
    daysAgo: 4,
    end: 'mediating',
    title: '装修工人工资拖欠纠纷',
    disputeType: 'labour',
    summary: '三名装修工人称完工后包工头拖欠工资 2.4 万元，多次催要未果。',
    parties: [
      { role: 'applicant', name: '陈大勇', phone: '13900001401' },
      { role: 'respondent', name: '褚国平', phone: '13900001402' },
    ],
    minutes: ['听取工人陈述并核对考勤、转账记录，约包工头下周到站协商。'],
    finding: '零散装修用工普遍没有书面合同，工人维权取证难，社区缺少劳动争议的就近咨询渠道。',
  },
  {
    daysAgo: 1,
    end: 'registered',
    title: '小区固定车位被占用纠纷',
    disputeType: 'property',
    summary: '申请人购买的地下固定车位长期被他人车辆占用，与占用人及物业协商无果。',
    parties: [
      { role: 'applicant', name: '卫明', phone: '13900001501' },
      { role: 'respondent', name: '蒋丽', phone: '13900001502' },
    ],
  },
  {
    daysAgo: 20,
    end: 'rejected',
    title: '房屋买卖定金返还纠纷',
    disputeType: 'consumer',
    summary: '申请人请求卖方返还购房定金五万元。',
    parties: [
      { role: 'applicant', name: '沈佳', phone: '13900001601' },
      { role: 'respondent', name: '韩涛', phone: '13900001602' },
    ],
  },
];

/**
 * Demo 矛盾调解 at station1's station, mediated by deputy1 (and a second district deputy), driven
 * through the real commands: every stage from 已登记 to 已结案, a failed one with its guidance, a
 * refused one, and a finding deputy1 turned into a suggestion (调解转建议).
 */
export async function seedMediationDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<number> {
  const rc = region.regionCode;
  const byName = async (username: string): Promise<Actor | null> => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.username, username));
    return a ? actorFor(a, await loadGrants(tx, a)) : null;
  };
  const [staff, deputy] = [await byName('station1'), await byName('deputy1')];
  const [s1] = await tx.select().from(accounts).where(eq(accounts.username, 'station1'));
  const [d1] = await tx.select().from(accounts).where(eq(accounts.username, 'deputy1'));
  if (!staff || !deputy || !s1 || !d1?.deputyId) return 0;
  const [grant] = await tx.select().from(roleGrants).where(eq(roleGrants.accountId, s1.id));
  const [station] = grant
    ? await tx
        .select()
        .from(stations)
        .where(and(eq(stations.regionCode, rc), like(stations.jurisdictionCode, `${grant.scopeCode}%`)))
        .limit(1)
    : [];
  if (!station) return 0;
  const peers = await tx
    .select({ id: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(and(eq(deputyMandates.regionCode, rc), eq(deputyMandates.congressJurisdictionCode, rc)))
    .orderBy(deputyMandates.deputyId)
    .limit(2)
    .then((rows) => rows.filter((r) => r.id !== d1.deputyId));

  const start = ctx.clock.now().getTime();
  const clock = new DemoClock(start);
  const dctx: AppContext = {
    ...ctx,
    clock,
    database: { ...ctx.database, db: tx as unknown as Database['db'] },
  };
  const at = (daysAgo: number, hour = 10) => {
    clock.t = start - daysAgo * DAY + (hour - 10) * 3_600_000;
  };
  const act = (id: string, who: Actor, input: ActionInput) => actOnMediation(dctx, who, id, input);

  let n = 0;
  for (const m of CASES) {
    at(m.daysAgo);
    const c = await registerMediation(dctx, staff, {
      title: m.title,
      disputeType: m.disputeType,
      source: 'walk_in',
      summary: m.summary,
      parties: m.parties,
      stationId: station.id,
    });
    n++;
    if (m.end === 'registered') continue;
    at(m.daysAgo, 14);
    if (m.end === 'rejected') {
      await act(c.id, staff, {
        action: 'reject',
        reason: '申请人已向人民法院起诉，案件已立案，不再受理调解。',
      });
      continue;
    }
    const deputyIds = [d1.deputyId, ...(m.end === 'closed' && peers[0] ? [peers[0].id] : [])];
    await act(c.id, staff, { action: 'accept', deputyIds });
    for (const [k, minutes] of (m.minutes ?? []).entries()) {
      at(Math.max(0, m.daysAgo - 2 - k * 3), 15);
      await addSession(dctx, deputy, c.id, {
        heldOn: new Date(clock.t + 8 * 3_600_000).toISOString().slice(0, 10),
        place: `${station.name}调解室`,
        attendees: '双方当事人、人大代表、社区调解员',
        minutes,
      });
    }
    const finding = m.finding ? await addFinding(dctx, deputy, c.id, m.finding) : null;
    if (m.end === 'mediating') continue;
    at(Math.max(0, m.daysAgo - 8), 16);
    if (m.end === 'failed') {
      await act(c.id, deputy, {
        action: 'fail',
        reason: '双方对缴费与维修的先后顺序分歧较大，经两次调解未能达成一致。',
        guidance: 'litigation',
      });
      continue;
    }
    await act(c.id, deputy, { action: 'agree', form: 'written', agreement: m.agreement ?? '双方和解。' });
    if (finding && m.suggestion) {
      at(Math.max(0, m.daysAgo - 9), 9);
      await draftFromFinding(dctx, deputy, finding.id, m.suggestion);
    }
    if (m.end === 'closed') {
      at(Math.max(0, m.daysAgo - 20), 11);
      await act(c.id, staff, {
        action: 'followUp',
        performance: 'performed',
        note: '电话回访申请人，维修已完成，补偿已支付。',
      });
    }
  }
  return n;
}
