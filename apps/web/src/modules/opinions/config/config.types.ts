/** `GET /api/opinions/config/categories` items */
export interface ConfigCategory {
  code: string;
  parentCode: string | null;
  name: string;
  level: number;
  sort: number;
  active: boolean;
  complexity: 'simple' | 'complex';
  /** Routing rules naming this category. */
  rules: number;
}

export interface CategoryNode extends ConfigCategory {
  children?: CategoryNode[];
}

/** `GET /api/opinions/config/routing-rules` items */
export interface RoutingRule {
  id: string;
  categoryCode: string;
  categoryName: string | null;
  jurisdictionCode: string;
  areaName: string;
  departmentId: string;
  departmentName: string | null;
  priority: number;
  active: boolean;
}

/** `POST /api/opinions/config/categories/import` */
export interface ImportResult {
  dryRun: boolean;
  lines: number;
  created: Array<{ code: string; name: string; parentCode: string | null; level: number }>;
  existing: number;
  errors: Array<{ line: number; message: string }>;
}

/** `GET /api/settings/state-names/:type` */
export interface StateNames {
  type: string;
  typeLabel: string;
  scope: { code: string; name: string };
  items: Array<{
    state: string;
    phase: string;
    phaseLabel: string;
    defaultLabel: string;
    label: string;
    setHere: string | null;
    inheritedFrom: { code: string; name: string } | null;
  }>;
}

export const complexityLabels = { simple: '一般事项', complex: '复杂事项' } as const;

/** The flat list as a tree (children in their sort order), for the table. */
export function toTree(items: ConfigCategory[]): CategoryNode[] {
  const byParent = new Map<string | null, CategoryNode[]>();
  for (const c of [...items].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))) {
    const list = byParent.get(c.parentCode) ?? [];
    list.push({ ...c });
    byParent.set(c.parentCode, list);
  }
  const attach = (nodes: CategoryNode[]): CategoryNode[] =>
    nodes.map((n) => {
      const kids = byParent.get(n.code);
      return kids ? { ...n, children: attach(kids) } : n;
    });
  return attach(byParent.get(null) ?? []);
}

/** 「城乡建设 / 道路设施」 for a code. */
export function pathName(items: ConfigCategory[], code: string): string {
  const byCode = new Map(items.map((c) => [c.code, c]));
  const names: string[] = [];
  for (let c = byCode.get(code); c; c = c.parentCode ? byCode.get(c.parentCode) : undefined)
    names.unshift(c.name);
  return names.join(' / ') || code;
}
