import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { Clock } from '../../kernel/clock';
import type { AppContext } from '../../kernel/context';
import type { Database, Tx } from '../../kernel/db/client';
import { outbox, timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { fireTimer } from '../../kernel/workflow/engine';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import type { DemoRegion } from '../demo/generate';
import { deputies } from '../deputies/deputies.schema';
import { stations } from '../stations/stations.schema';
import {
  acceptOpinion,
  assignOpinion,
  decideExtension,
  rejectOpinion,
  replyOpinion,
  requestExtension,
  returnOpinion,
  signOpinion,
} from './handling.usecases';
import { type IntakeInput, recordOpinion } from './intake.usecases';
import { DEMO_CASES, DEMO_CATEGORIES, DEMO_REPLIES, DEMO_ROUTES, type DemoEnd } from './opinions.demo-data';
import { opinionCategories, opinionRoutingRules } from './opinions.schema';
import { rateOpinion } from './rating.usecases';
import { submitOpinion } from './submissions';

const DAY = 86_400_000;

/** A clock the seeder moves through each case's past, so history, timers and audit agree. */
class DemoClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

/** How many days before "now" a case in this end state was submitted. */
const AGE: Record<DemoEnd, number> = {
  submitted: 0.3,
  accepted: 1.2,
  assigned: 3,
  in_progress: 6,
  extension: 12,
  returned: 4,
  replied: 10,
  closed: 30,
  closed_basic: 26,
  reopened_closed: 40,
  staff_review: 45,
  rejected: 8,
  overdue: 36,
};

/**
 * Demo opinions: the category tree and routing rules of the district congress, then ~40 cases in
 * every state, each driven through the real commands on a clock moving through its past (so the
 * history, deadlines, audit and 督办 are what the system would have produced). Call inside the demo
 * seed transaction after accounts, deputies and stations exist.
 */
export async function seedOpinionsDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<number> {
  const rc = region.regionCode;
  const start = ctx.clock.now().getTime();
  await tx.insert(opinionCategories).values(
    DEMO_CATEGORIES.flatMap((top, i) => [
      {
        regionCode: rc,
        jurisdictionCode: rc,
        code: top.code,
        parentCode: null,
        name: top.name,
        level: 1,
        sort: i + 1,
      },
      ...top.children.map(([code, name, complexity], j) => ({
        regionCode: rc,
        jurisdictionCode: rc,
        code,
        parentCode: top.code,
        name,
        level: 2,
        sort: j + 1,
        complexity,
      })),
    ]),
  );
  const byName = new Map(region.departments.map((d) => [d.name, d]));
  const rules = DEMO_ROUTES.flatMap(([code, name]) => {
    const d = byName.get(name);
    return d ? [{ code, jurisdictionCode: rc, departmentId: d.id }] : [];
  });
  // 社区治理 goes to each township's own office: the same category routed by area.
  for (const d of region.departments.filter((x) => x.kind === 'street_office'))
    rules.push({ code: 'SQ', jurisdictionCode: d.jurisdictionCode, departmentId: d.id });
  await tx.insert(opinionRoutingRules).values(
    rules.map((r) => ({
      regionCode: rc,
      id: uuidv7(start),
      categoryCode: r.code,
      jurisdictionCode: r.jurisdictionCode,
      departmentId: r.departmentId,
      priority: 100,
    })),
  );

  const clock = new DemoClock(start);
  const dctx: AppContext = {
    ...ctx,
    clock,
    database: { ...ctx.database, db: tx as unknown as Database['db'] },
  };
  const staff = async (username: string): Promise<Actor> => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.username, username));
    if (!a) throw new Error(`demo account ${username} missing`);
    return actorFor(a, await loadGrants(tx, a));
  };
  const names = ['xinzhuang', 'district', 'dept1', 'deputy1', 'station1'];
  const present = await tx
    .select({ u: accounts.username })
    .from(accounts)
    .where(inArray(accounts.username, names));
  if (present.length < names.length) return 0;
  const town = await staff('xinzhuang');
  const district = await staff('district');
  const dept1 = await staff('dept1');
  const [dep] = await tx
    .select({ code: deputies.publicCode, j: deputies.jurisdictionCode })
    .from(deputies)
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, deputies.regionCode), eq(accounts.deputyId, deputies.id)),
    )
    .where(eq(accounts.username, 'deputy1'));
  const [st] = await tx
    .select({ code: stations.publicCode })
    .from(stations)
    .where(and(eq(stations.regionCode, rc), eq(stations.jurisdictionCode, '310112101')))
    .limit(1);
  const grids = region.jurisdictions.filter(
    (j) => j.level === 'grid' && j.code.startsWith('310112101') && j.lat,
  );

  /** Handling by 'dept1' where the rules route to its unit; other units are handled as the system. */
  const handler = async (departmentId: string | null): Promise<Actor> => {
    if (!departmentId) return dept1;
    const [a] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.regionCode, rc), eq(accounts.departmentId, departmentId)))
      .limit(1);
    if (a) return actorFor(a, await loadGrants(tx, a));
    // A handler of each other unit, without a password (it cannot sign in): the actor of its history.
    const name = region.departments.find((d) => d.id === departmentId)?.name ?? '承办单位';
    const id = uuidv7(clock.t);
    const [created] = await tx
      .insert(accounts)
      .values({
        regionCode: rc,
        id,
        kind: 'staff',
        displayName: `${name}经办人`,
        departmentId,
        createdAt: clock.now(),
      })
      .returning();
    await tx.insert(roleGrants).values({
      regionCode: rc,
      id: uuidv7(clock.t),
      accountId: id,
      role: 'department_handler',
      scopeCode: rc,
      createdAt: clock.now(),
    });
    return actorFor(created!, await loadGrants(tx, created!));
  };

  let n = 0;
  for (const [i, [title, description, categoryCode, end, via]] of DEMO_CASES.entries()) {
    clock.t = start - AGE[end] * DAY - i * 3_600_000;
    const g = grids[i % Math.max(1, grids.length)];
    const input: IntakeInput = {
      title,
      description,
      categoryCode: via === 'portal' ? categoryCode : undefined,
      lat: g?.lat ?? null,
      lng: g?.lng ?? null,
      address: g ? `上海市闵行区莘庄镇${g.name.replace(/第\d+网格$/, '')}${(i % 30) + 1}号` : null,
      allowDisclosure: i % 3 !== 0,
      idempotencyKey: `demo-opinion-${String(i).padStart(3, '0')}`,
      contactName: i % 2 === 0 ? '王先生' : '李女士',
      ...(via === 'deputy' && dep ? { deputyCode: dep.code } : {}),
      ...(via === 'station' && st ? { stationCode: st.code } : {}),
    };
    const phone = `1370000${String(1000 + i)}`;
    let id: string;
    if (via === 'walk_in') {
      id = (await recordOpinion(dctx, town, { ...input, channel: 'walk_in', contactPhone: phone })).id;
    } else {
      const [citizen] = await tx
        .insert(accounts)
        .values({
          regionCode: rc,
          id: uuidv7(clock.t),
          kind: 'citizen',
          displayName: `群众${phone.slice(0, 3)}****${phone.slice(-4)}`,
          phoneEnc: ctx.vault.encrypt(phone),
          phoneHash: ctx.vault.blindIndex(phone),
          createdAt: clock.now(),
        })
        .returning();
      const actor = actorFor(citizen!, []);
      id = (await submitOpinion(dctx, actor, input, { inline: true })).id;
      await drive(id, end, categoryCode, actor);
      n++;
      continue;
    }
    await drive(id, end, categoryCode, null);
    n++;
  }

  async function later(hours: number) {
    clock.t += hours * 3_600_000;
    // Deadlines that passed meanwhile fire as they would have (督办, auto-close).
    const due = await tx
      .select()
      .from(timers)
      .where(and(eq(timers.regionCode, rc), eq(timers.status, 'open'), lte(timers.dueAt, clock.now())));
    for (const t of due) await fireTimer(dctx, tx, t, clock.now());
  }

  async function drive(id: string, end: DemoEnd, categoryCode: string, citizen: Actor | null) {
    if (end === 'submitted') return;
    await later(3);
    if (end === 'rejected') {
      await rejectOpinion(dctx, town, id, '所反映事项不属于本区职责范围，已告知反映人向有关方面反映。');
      return;
    }
    await acceptOpinion(dctx, town, id, { categoryCode });
    if (end === 'accepted') return;
    await later(20);
    const assigned = await assignOpinion(dctx, district, id, {});
    const departmentId = (assigned.data as { departmentId?: string }).departmentId ?? null;
    const unit = await handler(departmentId);
    if (end === 'assigned') return;
    if (end === 'returned') {
      await later(5);
      await returnOpinion(dctx, unit, id, '经核查，小区内健身器材由物业负责维护，建议交办街道督促物业整改。');
      return;
    }
    await later(4);
    await signOpinion(dctx, unit, id);
    if (end === 'overdue') {
      // Nobody answers: the reply deadline passes and 督办 escalates (levels 1 and 2).
      clock.t = start - 3 * DAY;
      await later(1);
      return;
    }
    if (end === 'in_progress') return;
    if (end === 'extension') {
      await later(24);
      await requestExtension(dctx, unit, id, {
        days: 10,
        reason: '需协调排水、房管等多个部门联合勘察，并委托第三方出具改造方案。',
      });
      await later(5);
      await decideExtension(dctx, district, id, { approve: true, note: '同意延期，请按期答复。' });
      return;
    }
    await later(48);
    const explained = end === 'staff_review';
    await replyOpinion(dctx, unit, id, {
      body: explained ? DEMO_REPLIES.explained! : DEMO_REPLIES.solved!,
      outcome: explained ? 'explained' : 'solved',
    });
    if (end === 'replied') return;
    const rater = citizen ?? town;
    await later(30);
    if (end === 'closed' || end === 'closed_basic') {
      await rateOpinion(dctx, rater, id, {
        rating: end === 'closed' ? 'satisfied' : 'basically_satisfied',
        comment: end === 'closed' ? '处理及时，谢谢！' : undefined,
      });
      return;
    }
    await rateOpinion(dctx, rater, id, {
      rating: 'dissatisfied',
      comment: '只是简单处理，问题没有根本解决。',
    });
    await later(4);
    await signOpinion(dctx, unit, id);
    await later(72);
    await replyOpinion(dctx, unit, id, {
      body: explained
        ? DEMO_REPLIES.explained!
        : `${DEMO_REPLIES.solved!}已对整栋楼外墙进行全面排查并完成修复。`,
      outcome: explained ? 'explained' : 'solved',
    });
    await later(24);
    await rateOpinion(dctx, rater, id, {
      rating: end === 'reopened_closed' ? 'satisfied' : 'dissatisfied',
      comment: end === 'reopened_closed' ? '第二次处理很彻底，满意。' : '仍然没有解决。',
    });
  }

  // The demo's history lies in the past: its events were handled then. Marking them done keeps a
  // fresh demo (and every test database copied from it) from texting the demo phones at start-up.
  await tx
    .update(outbox)
    .set({ status: 'done', processedAt: new Date(start) })
    .where(
      and(
        eq(outbox.regionCode, rc),
        eq(outbox.status, 'pending'),
        inArray(outbox.aggregateType, ['opinions']),
      ),
    );
  return n;
}
