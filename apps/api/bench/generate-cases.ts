/**
 * Generates a region with N opinion cases on top of the demo region, server-side
 * (`INSERT … SELECT generate_series`), for the query benchmark (bench/queries.ts).
 *
 * Distribution (deterministic: `setseed`): opened uniformly over the last 3 years; the state
 * depends on the age (recent cases still in intake/handling/feedback, old ones mostly closed,
 * a small backlog stuck in handling); jurisdictions skewed towards the first townships over the
 * 596 communities and 202 grids; 38 second-level categories (skewed, 8 % unclassified); the
 * handling unit is the township's street office (35 %) or one of the 32 district departments
 * (skewed: the first one is the busiest); reply due 21 days after assignment, so handling cases
 * older than that are overdue; one lead assignment per handled case, 6 % with a joint unit,
 * 3 % with an earlier returned assignment; 2–4 history rows per case; open timers for open cases.
 *
 * Ids are uuidv7 from the opening time and rows are inserted in time order, as the app would have
 * written them over three years. Secondary indexes of the five bulk tables are dropped during the
 * load and rebuilt afterwards (from their own definitions in pg_indexes), then VACUUM ANALYZE.
 */
import type { Database } from '../src/kernel/db/client';
import { indexTokens } from '../src/modules/opinions/search';

const SUFFIX = '，附近居民反映多次，希望有关部门尽快协调解决。';

const TABLES = ['cases', 'opinions', 'opinion_assignments', 'case_history', 'timers'];

const TITLES = [
  '小区门口路灯不亮',
  '背街小巷路面破损积水',
  '菜市场周边占道经营',
  '老旧小区加装电梯协调',
  '公交站台缺少遮雨棚',
  '河道有异味需要清理',
  '夜间施工噪声扰民',
  '小区停车位紧张',
  '垃圾分类投放点设置不合理',
  '学校门口上下学交通拥堵',
  '社区卫生服务中心配药不便',
  '非机动车乱停放',
];

export async function generateCases(
  database: Database,
  regionCode: string,
  n: number,
  log: (s: string) => void,
): Promise<void> {
  if (!/^\d{6}$/.test(regionCode)) throw new Error('bad region code');
  const sql = database.sql;
  const rc = `'${regionCode}'`;
  const step = async (label: string, text: string) => {
    const t = performance.now();
    if (text.trim()) await sql.unsafe(text).simple();
    log(`   ${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  const idx = await sql<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename in ${sql(TABLES)}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  await step(
    `drop ${idx.length} secondary indexes`,
    idx.map((i) => `drop index if exists "${i.indexname}";`).join('\n'),
  );

  await step(
    'reference tables',
    `
    drop table if exists bench_j, bench_d, bench_c, bench_dep, bench_st, bench_gen;
    create unlogged table bench_j as
      select (row_number() over (order by path) - 1)::int as k, code, path,
        split_part(path, '/', 5) as township,
        nullif(split_part(path, '/', 6), '') as community,
        nullif(split_part(path, '/', 7), '') as grid
      from jurisdictions where region_code = ${rc} and level in ('community', 'grid');
    create unlogged table bench_d as
      select (row_number() over (order by sort) - 1)::int as k, id from departments
      where region_code = ${rc} and jurisdiction_code = ${rc};
    create unlogged table bench_c as
      select (row_number() over (order by code) - 1)::int as k, code from opinion_categories
      where region_code = ${rc} and jurisdiction_code = ${rc} and level = 2;
    create unlogged table bench_dep as
      select (row_number() over (order by id) - 1)::int as k, id from deputies where region_code = ${rc};
    create unlogged table bench_st as
      select (row_number() over (order by id) - 1)::int as k, id from stations where region_code = ${rc};
    `,
  );

  const titles = `array[${TITLES.map((t) => `'${t}'`).join(',')}]`;
  // The jieba lexemes of each title and description, as intake writes them (search_vector).
  const vectors = `array[${TITLES.map((t) => `'${indexTokens(t, `${t}${SUFFIX}`).join(' ')}'`).join(',')}]`;
  await step(
    `stage ${n.toLocaleString('en')} cases`,
    `
    select setseed(0.42);
    create unlogged table bench_gen as
    with s as (
      select g, random() * 1095 as age, random() as r_state, random() as r_j,
        random() as r_cat, random() as r_dep, random() as r_own, random() as r_ch, random() as r_x,
        random() as r_y
      from generate_series(1, ${n}) g
    ), st as (
      select s.*,
        case
          when age < 30 then case when r_state < .12 then 'submitted' when r_state < .20 then 'accepted'
            when r_state < .40 then 'assigned' when r_state < .70 then 'in_progress'
            when r_state < .83 then 'replied' when r_state < .85 then 'staff_review'
            when r_state < .97 then 'closed' else 'rejected' end
          when age < 90 then case when r_state < .01 then 'submitted' when r_state < .02 then 'accepted'
            when r_state < .08 then 'assigned' when r_state < .20 then 'in_progress'
            when r_state < .28 then 'replied' when r_state < .30 then 'staff_review'
            when r_state < .94 then 'closed' when r_state < .98 then 'rejected' else 'merged' end
          else case when r_state < .001 then 'assigned' when r_state < .006 then 'in_progress'
            when r_state < .008 then 'staff_review' when r_state < .93 then 'closed'
            when r_state < .98 then 'rejected' else 'merged' end
        end as state,
        now() - age * interval '1 day' as opened_at
      from s
    ), sv as (
      -- uuidv7 as the app makes them (src/kernel/ids.ts): 48-bit unix ms, version 7, variant 10.
      select st.*, (lpad(to_hex(floor(extract(epoch from opened_at) * 1000)::bigint), 12, '0') || '7'
        || substr(md5(g::text), 1, 3) || '8' || substr(md5(g::text), 4, 15))::uuid as id
      from st
    ), x as (
      select sv.*,
        case when state in ('submitted', 'accepted') then 'intake'
          when state in ('assigned', 'in_progress') then 'handling'
          when state in ('replied', 'staff_review') then 'feedback' else 'closed' end as phase,
        state in ('assigned', 'in_progress', 'replied', 'staff_review', 'closed') as handled,
        opened_at + (1 + r_x * 4) * interval '1 day' as assigned_at,
        j.code as jcode, j.path as jpath, j.township, j.community, j.grid,
        case when r_cat < .08 then null else c.code end as category,
        case when r_own < .35 then so.id else d.id end as dept,
        d2.id as joint_dept, d3.id as returned_dept,
        case when r_ch < .45 then 'portal' when r_ch < .55 then 'qr_deputy' when r_ch < .65 then 'qr_station'
          when r_ch < .85 then 'walk_in' when r_ch < .93 then 'field_note' when r_ch < .97 then 'observer'
          else 'hotline' end as channel,
        dep.id as deputy, sta.id as station
      from sv
      join bench_j j on j.k = floor(power(r_j, 1.3) * (select count(*) from bench_j))::int
      join bench_c c on c.k = floor(power(r_cat, 1.5) * (select count(*) from bench_c))::int
      join bench_d d on d.k = floor(power(r_dep, 2) * (select count(*) from bench_d))::int
      join bench_d d2 on d2.k = (d.k + 7) % (select count(*) from bench_d)::int
      join bench_d d3 on d3.k = (d.k + 3) % (select count(*) from bench_d)::int
      join bench_dep dep on dep.k = (g::bigint * 7919) % (select count(*) from bench_dep)::int
      join bench_st sta on sta.k = (g::bigint * 104729) % (select count(*) from bench_st)::int
      left join departments so on so.region_code = ${rc} and so.jurisdiction_code = j.township
    )
    select g, id, state, phase, opened_at, jcode, jpath, township, community, grid, category, channel,
      case when channel in ('qr_deputy', 'field_note') then deputy end as deputy_id,
      case when channel in ('qr_station', 'walk_in') then station end as station_id,
      case when handled then dept end as dept_id,
      case when handled then assigned_at end as assigned_at,
      case when handled then assigned_at + interval '21 days' end as reply_due_at,
      case when handled and r_y < .06 then joint_dept end as joint_dept,
      case when handled and r_y >= .06 and r_y < .09 then returned_dept end as returned_dept,
      case when phase = 'closed' then least(now(), opened_at + (5 + r_x * 35) * interval '1 day') end as closed_at,
      case when phase = 'handling' and assigned_at + interval '21 days' < now()
        then (case when r_x < .5 then 1 else 2 end) else 0 end as supervision,
      (${titles})[1 + g % ${TITLES.length}] as title
    from x
    order by opened_at;
    `,
  );

  await step(
    'insert cases',
    `
    insert into cases (region_code, id, case_type, tracking_no, jurisdiction_code, jurisdiction_path, state,
      phase, version, title, data, opened_at, updated_at, closed_at)
    select ${rc}, id, 'opinions', 'MY0' || lpad(g::text, 13, '0'), jcode, jpath, state, phase,
      case when phase = 'closed' then 4 when dept_id is not null then 3 else 1 end, title,
      jsonb_build_object('citizenAccountId', null, 'round', 1, 'returns',
        case when returned_dept is null then 0 else 1 end, 'reopens', 0, 'supervisionLevel', supervision,
        'departmentId', dept_id),
      opened_at, coalesce(closed_at, assigned_at, opened_at), closed_at
    from bench_gen order by opened_at;
    `,
  );
  await step(
    'insert opinions',
    `
    insert into opinions (region_code, case_id, channel, category_code, description, township_code,
      community_code, grid_code, deputy_id, station_id, contact_name_masked, contact_phone_masked,
      allow_disclosure, follow_secret_hash, department_id, return_count, supervision_level, reply_due_at,
      created_at, search_vector)
    select ${rc}, id, channel, category, title || '${SUFFIX}',
      township, community, grid, deputy_id, station_id, '张*', '138****' || lpad((g % 10000)::text, 4, '0'),
      g % 3 = 0, md5(id::text), case when phase in ('handling', 'feedback', 'closed') then dept_id end,
      case when returned_dept is null then 0 else 1 end, supervision,
      -- As the app keeps it: the open reply deadline only while the case is being handled.
      case when phase = 'handling' then reply_due_at end, opened_at,
      array_to_tsvector(string_to_array((${vectors})[array_position(${titles}, title)], ' '))
    from bench_gen order by opened_at;
    `,
  );
  await step(
    'insert assignments',
    `
    insert into opinion_assignments (region_code, id, case_id, department_id, role, status, assigned_at,
      signed_at, returned_at, return_reason)
    select ${rc}, gen_random_uuid(), id, dept_id, 'lead',
      case when state = 'assigned' then 'assigned' when phase = 'closed' then 'done' else 'signed' end,
      assigned_at, case when state <> 'assigned' then assigned_at + interval '1 day' end,
      null::timestamptz, null::text
    from bench_gen where dept_id is not null
    union all
    select ${rc}, gen_random_uuid(), id, joint_dept, 'joint',
      case when phase = 'closed' then 'done' else 'signed' end, assigned_at, assigned_at + interval '1 day',
      null, null
    from bench_gen where joint_dept is not null
    union all
    select ${rc}, gen_random_uuid(), id, returned_dept, 'lead', 'returned', opened_at + interval '1 day',
      null, opened_at + interval '2 days', '不属于本单位职责'
    from bench_gen where returned_dept is not null;
    `,
  );
  await step(
    'insert history',
    `
    insert into case_history (region_code, id, case_id, seq, action, from_state, to_state, actor_label, at)
    select ${rc}, gen_random_uuid(), id, 1, 'open', null, 'submitted', '群众', opened_at from bench_gen
    union all
    select ${rc}, gen_random_uuid(), id, 2,
      case state when 'rejected' then 'reject' when 'merged' then 'merge' else 'assign' end,
      'accepted', case when dept_id is null then state else 'assigned' end, '区人大工作人员',
      coalesce(assigned_at, opened_at + interval '1 day')
    from bench_gen where state not in ('submitted', 'accepted')
    union all
    select ${rc}, gen_random_uuid(), id, 3, 'reply', 'in_progress', 'replied', '承办单位',
      coalesce(closed_at, assigned_at + interval '10 days') - interval '3 days'
    from bench_gen where phase in ('feedback', 'closed') and dept_id is not null
    union all
    select ${rc}, gen_random_uuid(), id, 4, 'rate', 'replied', 'closed', '群众', closed_at
    from bench_gen where state = 'closed';
    `,
  );
  await step(
    'insert timers',
    `
    insert into timers (region_code, id, case_id, kind, due_at, status, payload, created_at)
    select ${rc}, gen_random_uuid(), id,
      case when phase = 'intake' then 'accept_due' else 'reply_due' end,
      case when phase = 'intake' then opened_at + interval '5 days' else reply_due_at end,
      case when phase = 'handling' and reply_due_at < now() then 'fired' else 'open' end, '{}', opened_at
    from bench_gen where phase in ('intake', 'handling');
    `,
  );
  await step(`rebuild ${idx.length} secondary indexes`, idx.map((i) => `${i.indexdef};`).join('\n'));
  await step('drop staging', 'drop table bench_j, bench_d, bench_c, bench_dep, bench_st, bench_gen;');
  // A region filled over years has been vacuumed (visibility map set) and analyzed.
  await step('vacuum analyze', 'vacuum analyze');
}
