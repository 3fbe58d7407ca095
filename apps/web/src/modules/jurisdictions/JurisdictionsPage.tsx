import { type JurisdictionNode, levelLabels } from '@lianxin/contracts';
import { Card, Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { EventDataNode } from 'antd/es/tree';
import { type Key, useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../shared/AsyncBlock';
import { fetchChildren, fetchRoots } from './jurisdictions.api';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeNode[];
}

function toTreeNode(node: JurisdictionNode): TreeNode {
  return {
    key: node.code,
    isLeaf: node.childCount === 0,
    title: (
      <span>
        {node.name} <Tag>{levelLabels[node.level]}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {node.code}
        </Typography.Text>
      </span>
    ),
  };
}

function attach(nodes: TreeNode[], key: string, children: TreeNode[]): TreeNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children };
    return node.children ? { ...node, children: attach(node.children, key, children) } : node;
  });
}

/** Open single-node chains (城市 → 区 → 街道) so the first useful level is visible at once. */
async function autoExpand(roots: JurisdictionNode[]) {
  let tree = roots.map(toTreeNode);
  const expanded: string[] = [];
  let level = roots;
  for (let depth = 0; depth < 4 && level.length === 1 && (level[0]?.childCount ?? 0) > 0; depth++) {
    const only = level[0]!;
    const { items } = await fetchChildren(only.code);
    tree = attach(tree, only.code, items.map(toTreeNode));
    expanded.push(only.code);
    level = items;
  }
  return { tree, expanded };
}

export function JurisdictionsPage() {
  const [treeData, setTreeData] = useState<TreeNode[] | null>(null);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const [loadedKeys, setLoadedKeys] = useState<Key[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    let cancelled = false;
    setError(null);
    fetchRoots()
      .then(({ items }) => autoExpand(items))
      .then(({ tree, expanded }) => {
        if (cancelled) return;
        setTreeData(tree);
        setExpandedKeys(expanded);
        setLoadedKeys(expanded);
      })
      .catch((cause: unknown) => {
        if (!cancelled)
          setError(cause instanceof ApiError ? cause : new ApiError(0, 'common.internal', String(cause)));
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const loadData = async (node: EventDataNode<TreeNode>) => {
    const key = String(node.key);
    try {
      const { items } = await fetchChildren(key);
      setTreeData((prev) => (prev ? attach(prev, key, items.map(toTreeNode)) : prev));
      setLoadedKeys((prev) => [...prev, key]);
    } catch (cause) {
      if (cause instanceof ApiError) setError(cause);
    }
  };

  return (
    <>
      <Typography.Title level={3}>行政区划</Typography.Title>
      <Card>
        {error ? <ErrorAlert error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
        {treeData === null && !error ? <Spin description="加载中…" /> : null}
        {treeData?.length === 0 ? <Empty description="暂无可管理的行政区划" /> : null}
        {treeData && treeData.length > 0 ? (
          <Tree<TreeNode>
            aria-label="行政区划树"
            showLine
            blockNode
            treeData={treeData}
            loadData={loadData}
            loadedKeys={loadedKeys}
            expandedKeys={expandedKeys}
            onExpand={(keys) => setExpandedKeys(keys)}
          />
        ) : null}
      </Card>
    </>
  );
}
