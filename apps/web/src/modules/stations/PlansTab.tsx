import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { todayInChina } from './ChecklistTab';
import { showFieldIssues } from './StationFields';
import type { PlanItem } from './stations.types';

interface PlanValues {
  theme: string;
  description: string;
}

/** 年度计划（月月有主题）: a 12-month grid; each month one theme. */
export function PlansTab({ stationId }: { stationId: string }) {
  const { message } = App.useApp();
  const thisYear = Number(todayInChina().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<PlanValues>();
  const base = `/api/stations/${encodeURIComponent(stationId)}/plans`;
  const plans = useApi<{ year: number; canEdit: boolean; items: PlanItem[] }>(base, { year });

  const save = async () => {
    if (editing === null) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.put(`${base}/${year}/${editing}`, {
        theme: values.theme.trim(),
        description: values.description?.trim() || null,
      });
      message.success(`已保存 ${editing} 月主题`);
      setEditing(null);
      plans.reload();
    } catch (cause) {
      if (!showFieldIssues(form, cause)) message.error(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (month: number) => {
    try {
      await api.delete(`${base}/${year}/${month}`);
      message.success(`已删除 ${month} 月主题`);
      plans.reload();
    } catch (cause) {
      message.error(errorText(cause));
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>年度</Typography.Text>
        <Select
          aria-label="计划年度"
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} 年` }))}
        />
      </Space>
      <AsyncBlock state={plans}>
        {(data) => {
          const byMonth = new Map(data.items.map((p) => [p.month, p]));
          return (
            <>
              <Typography.Paragraph type="secondary">
                已安排 {data.items.length} / 12 个月的活动主题
              </Typography.Paragraph>
              <Row gutter={[12, 12]}>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
                  const plan = byMonth.get(month);
                  return (
                    <Col key={month} xs={24} sm={12} lg={8} xl={6}>
                      <Card
                        size="small"
                        title={`${month} 月`}
                        aria-label={`${year} 年 ${month} 月`}
                        extra={
                          data.canEdit ? (
                            <Space size={4}>
                              <Button
                                size="small"
                                type="link"
                                onClick={() => {
                                  form.setFieldsValue({
                                    theme: plan?.theme ?? '',
                                    description: plan?.description ?? '',
                                  });
                                  setEditing(month);
                                }}
                              >
                                {plan ? '修改' : '安排'}
                              </Button>
                              {plan ? (
                                <Popconfirm
                                  title={`删除 ${month} 月的主题？`}
                                  onConfirm={() => remove(month)}
                                >
                                  <Button size="small" type="link" danger>
                                    删除
                                  </Button>
                                </Popconfirm>
                              ) : null}
                            </Space>
                          ) : null
                        }
                        style={{ height: '100%' }}
                      >
                        {plan ? (
                          <>
                            <Typography.Text strong>{plan.theme}</Typography.Text>
                            {plan.description ? (
                              <Typography.Paragraph
                                type="secondary"
                                ellipsis={{ rows: 3 }}
                                style={{ margin: 0 }}
                              >
                                {plan.description}
                              </Typography.Paragraph>
                            ) : null}
                          </>
                        ) : (
                          <Typography.Text type="secondary">未安排</Typography.Text>
                        )}
                      </Card>
                    </Col>
                  );
                })}
              </Row>
            </>
          );
        }}
      </AsyncBlock>
      <Modal
        open={editing !== null}
        title={`${year} 年 ${editing ?? ''} 月活动主题`}
        okText="保存"
        onOk={save}
        confirmLoading={saving}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="theme"
            label="主题"
            rules={[{ required: true, min: 2, message: '请填写活动主题（至少 2 个字）' }]}
          >
            <Input maxLength={50} placeholder="如：垃圾分类、老旧小区改造、养老服务" />
          </Form.Item>
          <Form.Item name="description" label="活动安排">
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
