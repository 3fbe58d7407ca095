import { levelLabels } from '@lianxin/contracts';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { errorText } from '../../api';
import { fetchChildren } from './jurisdictions.api';

export interface ScopeOption {
  code: string;
  name: string;
}

interface FlatNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

// Nodes whose parent is not in the list (the grant scopes) become roots.
const simpleMode = { id: 'id', pId: 'pId' };

interface Props {
  /** The tops of the tree (usually the user's grant scopes); their subtrees load on demand. */
  roots: ScopeOption[];
  value: ScopeOption | null;
  onChange: (value: ScopeOption) => void;
  onError?: (text: string) => void;
  style?: React.CSSProperties;
  ariaLabel?: string;
}

/** A TreeSelect over jurisdictions that fetches `/api/jurisdictions/:code/children` when a node opens. */
export function JurisdictionTreeSelect({ roots, value, onChange, onError, style, ariaLabel }: Props) {
  const [loaded, setLoaded] = useState<FlatNode[]>([]);
  const [names] = useState(() => new Map<string, string>());
  const nodes = useMemo(() => {
    const rootNodes: FlatNode[] = roots.map((r) => ({
      id: r.code,
      pId: null,
      value: r.code,
      title: r.name,
      isLeaf: false,
    }));
    const rootCodes = new Set(roots.map((r) => r.code));
    return [...rootNodes, ...loaded.filter((n) => !rootCodes.has(n.id))];
  }, [roots, loaded]);

  const loadData = async ({ value: code }: { value?: string | number }) => {
    if (typeof code !== 'string') return;
    try {
      const { items } = await fetchChildren(code);
      for (const item of items) names.set(item.code, item.name);
      setLoaded((prev) => {
        const known = new Set(prev.map((n) => n.id));
        const fresh = items
          .filter((item) => !known.has(item.code))
          .map((item) => ({
            id: item.code,
            pId: code,
            value: item.code,
            title: `${item.name}（${levelLabels[item.level]}）`,
            isLeaf: item.childCount === 0,
          }));
        return [...prev, ...fresh];
      });
    } catch (error) {
      onError?.(errorText(error));
    }
  };

  return (
    <TreeSelect
      aria-label={ariaLabel}
      style={style}
      treeDataSimpleMode={simpleMode}
      treeData={nodes}
      loadData={loadData}
      labelInValue
      value={value ? { value: value.code, label: value.name } : undefined}
      onChange={(next: { value: string | number; label?: React.ReactNode } | undefined) => {
        if (!next) return;
        const code = String(next.value);
        const root = roots.find((r) => r.code === code);
        onChange({ code, name: root?.name ?? names.get(code) ?? String(next.label ?? code) });
      }}
      popupMatchSelectWidth={false}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder="选择辖区"
    />
  );
}
