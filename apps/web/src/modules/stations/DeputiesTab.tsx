import { App, Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { type DeputyRow, mandateLevelLabels, type StationDetail } from './stations.types';

/** 进站代表: congress staff add deputies of their jurisdiction or take them off. */
export function DeputiesTab({ station, onSaved }: { station: StationDetail; onSaved: () => void }) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const candidates = useApi<{ items: DeputyRow[] }>(
    station.can.manage ? `/api/stations/${encodeURIComponent(station.id)}/deputy-candidates` : null,
    { q: q || undefined },
  );
  const current = station.deputies.map((d) => d.id);

  const save = async (ids: string[], done: string) => {
    try {
      await api.put(`/api/stations/${encodeURIComponent(station.id)}/deputies`, { deputyIds: ids });
      message.success(done);
      setPicked([]);
      onSaved();
    } catch (cause) {
      message.error(errorText(cause));
    }
  };

  return (
    <>
      {station.can.manage ? (
        <Space style={{ marginBottom: 16 }} wrap>
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
            placeholder="输入姓名查找本辖区在任代表"
            aria-label="选择进站代表"
            style={{ width: 420 }}
            value={picked}
            onChange={setPicked}
            loading={candidates.loading}
            options={(candidates.data?.items ?? [])
              .filter((d) => !current.includes(d.id))
              .map((d) => ({ value: d.id, label: `${d.name}（${d.jurisdictionName}）` }))}
          />
          <Button
            type="primary"
            disabled={picked.length === 0}
            onClick={() => save([...current, ...picked], `已添加 ${picked.length} 名进站代表`)}
          >
            添加进站代表
          </Button>
        </Space>
      ) : null}
      <Table<DeputyRow>
        rowKey="id"
        dataSource={station.deputies}
        pagination={false}
        locale={{ emptyText: '尚无进站代表' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', dataIndex: 'gender' },
          { title: '所在区划', dataIndex: 'jurisdictionName' },
          {
            title: '代表层级',
            dataIndex: 'levels',
            render: (levels: string[]) =>
              levels.map((l) => <Tag key={l}>{`${mandateLevelLabels[l] ?? l}人大代表`}</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, d) =>
              station.can.manage ? (
                <Popconfirm
                  title={`确定让 ${d.name} 不再进驻本站？`}
                  onConfirm={() =>
                    save(
                      current.filter((id) => id !== d.id),
                      `${d.name} 已不再进驻本站`,
                    )
                  }
                >
                  <Button size="small">移出</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  );
}
