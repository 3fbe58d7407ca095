import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { ApiState } from './useApi';

export function ErrorAlert({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

interface AsyncBlockProps<T> {
  state: ApiState<T>;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** Loading, error and empty states for one fetched value, so every screen shows them the same way. */
export function AsyncBlock<T>({ state, isEmpty, emptyText = '暂无数据', children }: AsyncBlockProps<T>) {
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description="加载中…" />
      </div>
    );
  }
  if (isEmpty?.(state.data)) return <Empty description={emptyText} />;
  return <Spin spinning={state.loading}>{children(state.data)}</Spin>;
}
