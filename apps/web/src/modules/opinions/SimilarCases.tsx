import { Alert, App, Button, Input, List, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { day, type OpinionDetail } from './opinions.types';

interface Similar {
  id: string;
  trackingNo: string;
  title: string;
  stateLabel: string;
  openedAt: string;
  sharedKeywords: number;
  sameCategory: boolean;
  distanceMeters: number | null;
}

/**
 * 相似事项 at intake: open cases in the same street sharing this case's keywords, with 并入 (merge
 * this case into one of them) for congress staff.
 */
export function SimilarCases({ d, onDone }: { d: OpinionDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const list = useApi<{ items: Similar[] }>(d.phase === 'intake' ? `/api/opinions/${d.id}/similar` : null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canMerge = d.actions.some((a) => a.action === 'merge');
  const items = list.data?.items ?? [];
  if (d.phase !== 'intake' || items.length === 0) return null;

  const merge = async (into: Similar) => {
    setError(null);
    try {
      await api.post(`/api/opinions/${d.id}/merge`, { into: into.id, ...(reason.trim() ? { reason } : {}) });
      message.success(`已并入 ${into.trackingNo}`);
      onDone();
    } catch (cause) {
      setError(errorText(cause));
    }
  };

  return (
    <section style={{ marginTop: 16 }} aria-label="相似事项">
      <Alert
        type="warning"
        showIcon
        title={`发现 ${items.length} 件相似的未办结事项，请核实是否重复`}
        description={canMerge ? '并单后本事项关闭，办理进展和答复会同步告知本事项的群众。' : undefined}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
      <List
        size="small"
        dataSource={items}
        renderItem={(s) => (
          <List.Item
            actions={
              canMerge
                ? [
                    <Popconfirm
                      key="merge"
                      title={`将本事项并入 ${s.trackingNo}？`}
                      description={
                        <Input
                          aria-label="并单理由"
                          placeholder="理由（可选）"
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                        />
                      }
                      onConfirm={() => merge(s)}
                      okText="并入"
                      cancelText="取消"
                    >
                      <Button size="small">并入此件</Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <span>{s.trackingNo}</span>
                  <span>{s.title}</span>
                </Space>
              }
              description={
                <Space wrap>
                  <Tag>{s.stateLabel}</Tag>
                  <span>相同关键词 {s.sharedKeywords} 个</span>
                  {s.sameCategory ? <Tag color="blue">同分类</Tag> : null}
                  {s.distanceMeters != null ? <span>相距约 {s.distanceMeters} 米</span> : null}
                  <span>{day(s.openedAt)} 提交</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </section>
  );
}
