import { Alert, App, Button, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import type { StaffRow, StationDetail } from './stations.types';

/** 联络员: accounts with the 联络站工作人员 role over this station run it and may edit its details. */
export function StaffTab({ station, onSaved }: { station: StationDetail; onSaved: () => void }) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string>();
  const candidates = useApi<{ items: StaffRow[] }>(
    station.can.manage ? `/api/stations/${encodeURIComponent(station.id)}/staff-candidates` : null,
  );
  const current = station.staff.map((a) => a.id);
  const choices = (candidates.data?.items ?? []).filter((a) => !current.includes(a.id));

  const save = async (ids: string[], done: string) => {
    try {
      await api.put(`/api/stations/${encodeURIComponent(station.id)}/staff`, { accountIds: ids });
      message.success(done);
      setPicked(undefined);
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
            placeholder="选择联络员账号"
            aria-label="选择联络员"
            style={{ width: 320 }}
            value={picked}
            onChange={setPicked}
            loading={candidates.loading}
            notFoundContent="本辖区没有可用的联络站工作人员账号，请先由系统管理员创建"
            options={choices.map((a) => ({ value: a.id, label: `${a.displayName}（${a.username ?? ''}）` }))}
          />
          <Button
            type="primary"
            disabled={!picked}
            onClick={() => picked && save([...current, picked], '已添加联络员')}
          >
            添加联络员
          </Button>
        </Space>
      ) : (
        <Alert type="info" showIcon title="联络员由人大工作人员指定" style={{ marginBottom: 16 }} />
      )}
      <Table<StaffRow>
        rowKey="id"
        dataSource={station.staff}
        pagination={false}
        locale={{ emptyText: '尚未指定联络员' }}
        columns={[
          { title: '姓名', dataIndex: 'displayName' },
          { title: '用户名', dataIndex: 'username', render: (u: string | null) => u ?? '—' },
          { title: '状态', dataIndex: 'status', render: (s: string) => (s === 'active' ? '正常' : '已停用') },
          {
            title: '操作',
            key: 'actions',
            render: (_, a) =>
              station.can.manage ? (
                <Popconfirm
                  title={`确定取消 ${a.displayName} 的联络员身份？`}
                  onConfirm={() =>
                    save(
                      current.filter((id) => id !== a.id),
                      `${a.displayName} 已不再担任本站联络员`,
                    )
                  }
                >
                  <Button size="small">移除</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  );
}
