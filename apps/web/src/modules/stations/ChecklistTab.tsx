import { Alert, App, Button, Form, Input, Modal, Progress, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { showFieldIssues } from './StationFields';
import type { ChecklistItem, ChecklistResponse } from './stations.types';

/** Today in China, as YYYY-MM-DD. */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

interface CheckValues {
  met: boolean;
  evidenceUrl: string;
  note: string;
  checkedOn: string;
}

/** 九有/八有: the congress's checklist with each item's state, evidence and date checked. */
export function ChecklistTab({ stationId, onChanged }: { stationId: string; onChanged: () => void }) {
  const { message } = App.useApp();
  const url = `/api/stations/${encodeURIComponent(stationId)}/checklist`;
  const checklist = useApi<ChecklistResponse>(url);
  const [editing, setEditing] = useState<ChecklistItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<CheckValues>();

  const record = async (item: ChecklistItem, values: CheckValues) => {
    setBusy(item.key);
    try {
      await api.put(`${url}/${encodeURIComponent(item.key)}`, {
        met: values.met,
        evidenceUrl: values.evidenceUrl?.trim() || null,
        note: values.note?.trim() || null,
        checkedOn: values.checkedOn,
      });
      message.success(`已记录「${item.label}」：${values.met ? '达标' : '未达标'}`);
      setEditing(null);
      checklist.reload();
      onChanged();
      return true;
    } catch (cause) {
      if (!showFieldIssues(form, cause)) message.error(errorText(cause));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const current = (item: ChecklistItem): CheckValues => ({
    met: item.met,
    evidenceUrl: item.evidenceUrl ?? '',
    note: item.note ?? '',
    checkedOn: todayInChina(),
  });

  return (
    <AsyncBlock state={checklist}>
      {(data) => (
        <>
          <Space align="center" style={{ marginBottom: 12 }} wrap>
            <Progress type="circle" size={56} percent={data.summary.percent} />
            <Typography.Text>
              达标 {data.summary.met} / {data.summary.total} 项
            </Typography.Text>
            <Typography.Text type="secondary">
              清单来源：{data.configuredBy ? `${data.configuredBy.name}设定` : '平台默认（九有）'}
              ，可在“参数设置”中调整
            </Typography.Text>
          </Space>
          {data.canCheck ? null : (
            <Alert type="info" showIcon title="建设标准由人大工作人员检查认定" style={{ marginBottom: 12 }} />
          )}
          <Table<ChecklistItem>
            rowKey="key"
            dataSource={data.items}
            pagination={false}
            columns={[
              {
                title: '检查项',
                key: 'label',
                render: (_, i) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{i.label}</Typography.Text>
                    {i.description ? (
                      <Typography.Text type="secondary">{i.description}</Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: '达标',
                key: 'met',
                render: (_, i) => (
                  <Switch
                    aria-label={i.label}
                    checked={i.met}
                    disabled={!data.canCheck}
                    loading={busy === i.key}
                    checkedChildren="达标"
                    unCheckedChildren="未达标"
                    onChange={(met) => record(i, { ...current(i), met })}
                  />
                ),
              },
              {
                title: '佐证材料',
                dataIndex: 'evidenceUrl',
                render: (u: string | null) =>
                  u ? (
                    <a href={u} target="_blank" rel="noreferrer">
                      查看佐证
                    </a>
                  ) : (
                    '—'
                  ),
              },
              { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              {
                title: '检查日期',
                key: 'checkedOn',
                render: (_, i) =>
                  i.checkedOn ? `${i.checkedOn}${i.checkedByName ? ` · ${i.checkedByName}` : ''}` : '未检查',
              },
              {
                title: '操作',
                key: 'actions',
                render: (_, i) =>
                  data.canCheck ? (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue(current(i));
                        setEditing(i);
                      }}
                    >
                      记录佐证
                    </Button>
                  ) : null,
              },
            ]}
          />
          <Modal
            open={editing !== null}
            title={`记录检查结果：${editing?.label ?? ''}`}
            okText="保存"
            confirmLoading={busy !== null}
            onCancel={() => setEditing(null)}
            onOk={async () => {
              if (editing) await record(editing, await form.validateFields());
            }}
            destroyOnHidden
          >
            <Form form={form} layout="vertical">
              <Form.Item name="met" label="是否达标" valuePropName="checked">
                <Switch checkedChildren="达标" unCheckedChildren="未达标" />
              </Form.Item>
              <Form.Item name="evidenceUrl" label="佐证材料（照片或文件地址）">
                <Input placeholder="https://… 或 /uploads/…" />
              </Form.Item>
              <Form.Item name="note" label="备注">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <Form.Item
                name="checkedOn"
                label="检查日期"
                rules={[{ required: true, message: '请选择检查日期' }]}
              >
                <Input type="date" max={todayInChina()} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </AsyncBlock>
  );
}
