import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { systemActor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import type { DemoRegion } from '../demo/generate';
import {
  deputies,
  deputyGrids,
  liaisonPairs,
  liaisonVisits,
  observerDeputies,
  observers,
} from './deputies.schema';
import { armNoContactTimer } from './liaison.usecases';

/** Expertise that fits each occupation: what "find a deputy for my problem" searches. */
const EXPERTISE: Record<string, string[]> = {
  律师: ['法律', '物业纠纷', '劳动争议', '婚姻家庭', '合同纠纷'],
  医务: ['医疗卫生', '养老服务', '公共卫生', '医患纠纷'],
  教育: ['教育', '青少年保护', '学前教育', '托育服务'],
  企业界: ['企业经营', '营商环境', '就业创业', '税费政策'],
  工人: ['劳动保障', '安全生产', '职业技能'],
  农民: ['农业农村', '土地承包', '乡村振兴', '宅基地'],
  专业技术人员: ['科技创新', '知识产权', '城市规划', '建筑工程'],
  科技界: ['科技创新', '知识产权', '数字化转型'],
  领导干部: ['基层治理', '城市管理', '公共服务'],
  社区工作者: ['基层治理', '物业管理', '加装电梯', '老旧小区改造', '垃圾分类'],
  社区居民: ['社区服务', '养老服务', '交通出行', '环境卫生'],
};
const GROUP: Record<string, string> = {
  律师: '法制',
  医务: '教科文卫',
  教育: '教科文卫',
  科技界: '教科文卫',
  专业技术人员: '城建环保',
  企业界: '财经',
  农民: '农业农村',
  工人: '社会建设',
  社区工作者: '社会建设',
  社区居民: '社会建设',
  领导干部: '监察司法',
};
const COMMITTEE = ['陈国强', '周丽华', '吴建明', '郑晓燕'];
const OBSERVERS: Array<[string, 'grid_worker' | 'police' | 'volunteer']> = [
  ['孙海燕', 'grid_worker'],
  ['钱志刚', 'police'],
  ['冯秀英', 'volunteer'],
];

/** A stable small number from an id (the demo must be the same on every machine). */
function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

const day = (at: Date, minusDays: number) =>
  new Date(at.getTime() + 8 * 3600_000 - minusDays * 86400_000).toISOString().slice(0, 10);

/**
 * Enriches the seeded deputies deterministically: expertise fitting their occupation, professional
 * groups, 1–3 grids in their township for district/township deputies, observers and 双联系 pairs.
 */
export async function seedDeputiesDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<void> {
  const rc = region.regionCode;
  const now = ctx.clock.now();
  const grids = region.jurisdictions.filter((j) => j.level === 'grid');
  const gridRows: Array<{ regionCode: string; deputyId: string; gridCode: string }> = [];
  for (const d of region.deputies) {
    const h = hash(d.id);
    const pool = EXPERTISE[d.occupationCategory] ?? ['社区服务'];
    const expertise = pool.filter((_, i) => (h >> i) % 3 !== 0 || i === h % pool.length).slice(0, 3);
    const groups = [GROUP[d.occupationCategory] ?? '社会建设', ...(h % 5 === 0 ? ['财经'] : [])];
    await tx
      .update(deputies)
      .set({
        expertise,
        professionalGroups: [...new Set(groups)],
        contactPrefs: { stationReception: true, onlineMessages: true, showWorkplace: h % 2 === 0 },
      })
      .where(and(eq(deputies.regionCode, rc), eq(deputies.id, d.id)));
    if (!d.mandates.some((m) => m.level === 'county' || m.level === 'township')) continue;
    const own = grids.filter((g) => g.code.startsWith(d.jurisdictionCode));
    const town = grids.filter((g) => g.code.startsWith(d.jurisdictionCode.slice(0, 9)));
    const choice = own.length > 0 ? own : town;
    const n = Math.min(choice.length, 1 + (h % 3));
    for (let i = 0; i < n; i++) {
      gridRows.push({ regionCode: rc, deputyId: d.id, gridCode: choice[(h + i * 7) % choice.length]!.code });
    }
  }
  const unique = [...new Map(gridRows.map((g) => [`${g.deputyId}:${g.gridCode}`, g])).values()];
  for (let i = 0; i < unique.length; i += 500) await tx.insert(deputyGrids).values(unique.slice(i, i + 500));

  // Observers in the first three townships, each paired with two local deputies.
  const towns = region.jurisdictions.filter((j) => j.level === 'township').slice(0, 3);
  let n = 0;
  for (const t of towns) {
    const locals = region.deputies.filter((d) => d.jurisdictionCode.startsWith(t.code)).slice(0, 2);
    for (const [name, kind] of OBSERVERS.slice(0, 2)) {
      const id = uuidv7(now.getTime());
      const phone = `166${String(20_260_000 + n++).padStart(8, '0')}`;
      await tx.insert(observers).values({
        regionCode: rc,
        id,
        jurisdictionCode: t.code,
        name: `${name.slice(0, 1)}${t.name.slice(0, 1)}${name.slice(1)}`,
        kind,
        organisation: kind === 'police' ? `${t.name}派出所` : `${t.name}社区党群服务中心`,
        phoneEnc: ctx.vault.encrypt(phone),
        phoneHash: ctx.vault.blindIndex(phone),
        createdAt: now,
      });
      if (locals.length) {
        await tx
          .insert(observerDeputies)
          .values(locals.map((d) => ({ regionCode: rc, observerId: id, deputyId: d.id })));
      }
    }
  }

  // 双联系: committee members and department heads with district deputies; one pair long silent.
  const county = region.deputies.filter((d) => d.mandates.some((m) => m.level === 'county'));
  const members = [
    ...COMMITTEE.map((name) => ({
      kind: 'committee_member' as const,
      name,
      title: '常委会委员',
      dept: null,
    })),
    ...region.departments.slice(0, 3).map((dep, i) => ({
      kind: 'department_head' as const,
      name: ['沈立新', '韩卫东', '杨春梅'][i]!,
      title: `${dep.name}负责人`,
      dept: dep.id,
    })),
  ];
  for (const [i, m] of members.entries()) {
    const d = county[(i * 11) % Math.max(1, county.length)];
    if (!d) break;
    const id = uuidv7(now.getTime());
    const lastContact = i === 0 ? day(now, 220) : day(now, 20 + i * 9);
    await tx.insert(liaisonPairs).values({
      regionCode: rc,
      id,
      kind: m.kind,
      memberName: m.name,
      memberTitle: m.title,
      departmentId: m.dept,
      deputyId: d.id,
      jurisdictionCode: d.jurisdictionCode,
      lastContactOn: lastContact,
      createdAt: now,
    });
    await tx.insert(liaisonVisits).values({
      regionCode: rc,
      id: uuidv7(now.getTime()),
      pairId: id,
      visitedOn: lastContact,
      mode: i % 2 ? 'meeting' : 'visit',
      summary: i % 2 ? '座谈交流，听取代表对民生实事项目的意见' : '走访代表，了解选区群众反映的问题',
      createdAt: now,
    });
    const path = `/${region.regionCode.slice(0, 2)}/${region.regionCode.slice(0, 4)}/${region.regionCode}/`;
    await armNoContactTimer(ctx, tx, rc, id, path, lastContact);
  }
  await appendAudit(tx, systemActor(rc, '系统初始化'), now, {
    action: 'demo.seed_deputies',
    details: { grids: unique.length, observers: n, liaisonPairs: members.length },
  });
}

/** Whether the demo enrichment is already in (the demo seed runs it; tests may too). */
export async function deputiesDemoSeeded(ctx: AppContext, regionCode: string): Promise<boolean> {
  const [row] = await ctx.database.db
    .select({ id: observers.id })
    .from(observers)
    .where(eq(observers.regionCode, regionCode))
    .limit(1);
  return !!row;
}
