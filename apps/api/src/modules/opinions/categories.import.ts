import { sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { assertManager, type Category, codeProblem, MAX_LEVEL } from './categories.usecases';
import { configErrors } from './config.errors';
import { opinionCategories } from './opinions.schema';

/**
 * 导入分类: a JSON-lines file, one path per line — `{"level1":"城乡建设","level2":"安全生产",
 * "level3":"事故处理"}` (the shape of a 12345 taxonomy export); level2/level3 may be absent. Names
 * are matched against the tree level by level (an existing category is reused, never renamed);
 * missing ones are created with generated codes: a new top level T01, T02 …, a child its parent's
 * code plus two digits (CJ → CJ05). All or nothing: any bad line and nothing is written.
 */
export const MAX_IMPORT_LINES = 3000;
const NAME_MAX = 30;

export interface ImportResult {
  dryRun: boolean;
  lines: number;
  created: Array<{ code: string; name: string; parentCode: string | null; level: number }>;
  existing: number;
  errors: Array<{ line: number; message: string }>;
}

function parseLines(content: string) {
  const errors: ImportResult['errors'] = [];
  const paths: Array<{ line: number; names: string[] }> = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      errors.push({ line, message: '不是有效的 JSON' });
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push({ line, message: '每行应为一个对象，如 {"level1":"城乡建设","level2":"安全生产"}' });
      return;
    }
    const o = obj as Record<string, unknown>;
    const names: string[] = [];
    for (let level = 1; level <= MAX_LEVEL; level++) {
      const v = o[`level${level}`];
      if (v === undefined || v === null || v === '') break;
      if (typeof v !== 'string' || !v.trim()) {
        errors.push({ line, message: `level${level} 应为分类名称` });
        return;
      }
      const name = v.replace(/[\s\u00a0\u3000]+/g, '').trim();
      if (name.length > NAME_MAX) {
        errors.push({ line, message: `分类名称不超过 ${NAME_MAX} 个字：${name.slice(0, 40)}` });
        return;
      }
      names.push(name);
    }
    if (names.length === 0) errors.push({ line, message: '缺少 level1（一级分类名称）' });
    else if (Object.keys(o).some((k) => /^level[4-9]$/.test(k)))
      errors.push({ line, message: `问题分类最多 ${MAX_LEVEL} 级` });
    else paths.push({ line, names });
  });
  return { paths, errors };
}

/** The next free code under a parent (or at the top), keeping codes prefix-free. */
function nextCode(codes: Set<string>, parentCode: string | null) {
  const base = parentCode ?? 'T';
  for (let i = 1; i <= 99; i++) {
    const code = `${base}${String(i).padStart(2, '0')}`;
    if (!codeProblem(codes, code, parentCode)) return code;
  }
  return null;
}

export async function importCategories(
  ctx: AppContext,
  actor: Actor,
  content: string,
  dryRun: boolean,
): Promise<ImportResult> {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  const { paths, errors } = parseLines(content);
  if (paths.length + errors.length > MAX_IMPORT_LINES)
    throw configErrors.category_import_invalid([
      { line: MAX_IMPORT_LINES + 1, message: `一次最多导入 ${MAX_IMPORT_LINES} 行` },
    ]);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`opinion-categories:${region.code}`}))`);
    const all: Category[] = await tx
      .select()
      .from(opinionCategories)
      .where(
        sql`${opinionCategories.regionCode} = ${region.code} and ${opinionCategories.jurisdictionCode} = ${region.code}`,
      );
    const codes = new Set(all.map((c) => c.code));
    const key = (parent: string | null, name: string) => `${parent ?? ''}\u0000${name}`;
    const byName = new Map(all.map((c) => [key(c.parentCode, c.name), c]));
    const nextSort = new Map<string, number>();
    const sortUnder = (parent: string | null) => {
      const k = parent ?? '';
      const n =
        nextSort.get(k) ?? Math.max(0, ...all.filter((c) => c.parentCode === parent).map((c) => c.sort)) + 1;
      nextSort.set(k, n + 1);
      return n;
    };
    const created: ImportResult['created'] = [];
    const rows: Array<typeof opinionCategories.$inferInsert> = [];
    const touched = new Set<string>();
    for (const p of paths) {
      let parent: string | null = null;
      for (const [i, name] of p.names.entries()) {
        const hit = byName.get(key(parent, name));
        if (hit) {
          if (!created.some((c) => c.code === hit.code)) touched.add(hit.code);
          parent = hit.code;
          continue;
        }
        const code = nextCode(codes, parent);
        if (!code) {
          errors.push({ line: p.line, message: `「${name}」的上级下已无可用编码（最多 99 个）` });
          break;
        }
        const row = {
          regionCode: region.code,
          jurisdictionCode: region.code,
          code,
          parentCode: parent,
          name,
          level: i + 1,
          sort: sortUnder(parent),
          createdAt: ctx.clock.now(),
        };
        codes.add(code);
        byName.set(key(parent, name), { ...row, active: true, complexity: 'simple' } as Category);
        rows.push(row);
        created.push({ code, name, parentCode: parent, level: i + 1 });
        parent = code;
      }
    }
    const result: ImportResult = {
      dryRun,
      lines: paths.length + errors.length,
      created,
      existing: touched.size,
      errors: errors.sort((a, b) => a.line - b.line),
    };
    if (errors.length > 0 || dryRun) return result;
    for (let i = 0; i < rows.length; i += 200)
      await tx.insert(opinionCategories).values(rows.slice(i, i + 200));
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'opinions.category_import',
      targetType: 'opinion_category',
      targetId: region.code,
      jurisdictionCode: region.code,
      details: { lines: result.lines, created: created.length, existing: result.existing },
    });
    return result;
  });
}
