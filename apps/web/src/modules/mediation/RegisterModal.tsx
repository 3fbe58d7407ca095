import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useApi } from '../../shared/useApi';
import { grantScopes } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect, type ScopeOption } from '../jurisdictions/JurisdictionTreeSelect';
import {
  DISPUTE_TYPES,
  type DisputeType,
  type MediationDetail,
  PARTY_ROLES,
  type PartyRole,
  problemText,
  SOURCES,
} from './mediation.types';

interface Values {
  title: string;
  disputeType: DisputeType;
  source: keyof typeof SOURCES;
  referredBy?: string;
  stationId?: string;
  summary: string;
  parties: Array<{ role: PartyRole; name: string; phone?: string; address?: string }>;
}

const blankParties = [{ role: 'applicant' }, { role: 'respondent' }];

/** The opinion a dispute is registered from (民意转调解): its title and description prefill the form. */
export interface FromOpinion {
  id: string;
  trackingNo: string;
  title: string;
  description: string;
}

/** 登记调解: the dispute, where it is mediated, and the parties (kept encrypted, shown masked). */
export function RegisterModal(props: {
  open: boolean;
  onClose: () => void;
  onDone: (id: string) => void;
  fromOpinion?: FromOpinion;
}) {
  const from = props.fromOpinion;
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const [where, setWhere] = useState<ScopeOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const stations = useApi<{ total: number; items: Array<{ id: string; name: string }> }>(
    props.open ? '/api/stations' : null,
    { q: q || undefined, active: 'true', pageSize: 50 },
  );
  const source = Form.useWatch('source', form);
  // A liaison of one station registers at that station.
  const only = !q && stations.data?.total === 1 ? stations.data.items[0] : undefined;
  useEffect(() => {
    if (props.open && only && !form.getFieldValue('stationId')) form.setFieldValue('stationId', only.id);
  }, [props.open, only, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setSaving(true);
    try {
      const d = await api.post<MediationDetail>('/api/mediations', {
        title: v.title,
        disputeType: v.disputeType,
        source: from ? 'walk_in' : v.source,
        sourceOpinionId: from?.id,
        summary: v.summary,
        referredBy: v.source === 'referral' && v.referredBy ? v.referredBy : undefined,
        stationId: v.stationId || undefined,
        jurisdictionCode: v.stationId ? undefined : where?.code,
        parties: v.parties.map((p) => ({
          role: p.role,
          name: p.name.trim(),
          phone: p.phone?.trim() || undefined,
          address: p.address?.trim() || undefined,
        })),
      });
      message.success(`已登记，案件编号 ${d.trackingNo}`);
      form.resetFields();
      setWhere(null);
      props.onDone(d.id);
    } catch (e) {
      setError(problemText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title="登记调解"
      okText="登记"
      cancelText="取消"
      width={820}
      confirmLoading={saving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          source: 'walk_in',
          parties: blankParties,
          ...(from ? { title: from.title.slice(0, 60), summary: from.description.slice(0, 2000) } : {}),
        }}
      >
        {from ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`由群众意见 ${from.trackingNo} 转为矛盾调解`}
            description="案由和事实已按原意见填写，请核对修改并登记双方当事人；不选联络站时按原意见所在辖区登记。"
          />
        ) : null}
        <Form.Item
          name="title"
          label="案由"
          extra="概括纠纷事由，如“楼上卫生间漏水引发邻里纠纷”；不得写入当事人姓名或电话（案由会出现在列表和代表履职记录中）"
          rules={[{ required: true, min: 4, max: 60, message: '请填写案由（4–60 字）' }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item
            name="disputeType"
            label="纠纷类型"
            rules={[{ required: true, message: '请选择纠纷类型' }]}
          >
            <Select
              aria-label="纠纷类型"
              style={{ width: 180 }}
              options={Object.entries(DISPUTE_TYPES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item
            name="source"
            label="来源"
            hidden={!!from}
            rules={[{ required: true, message: '请选择来源' }]}
          >
            <Select
              aria-label="来源"
              style={{ width: 180 }}
              options={Object.entries(SOURCES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {source === 'referral' ? (
            <Form.Item name="referredBy" label="委派单位">
              <Input maxLength={60} style={{ width: 240 }} placeholder="如：莘庄派出所" />
            </Form.Item>
          ) : null}
        </Space>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="stationId" label="调解地点（联络站）">
            <Select
              aria-label="调解地点（联络站）"
              allowClear
              showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
              style={{ width: 300 }}
              placeholder="输入名称查找联络站"
              loading={stations.loading}
              options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item label="或所在辖区（不在联络站调解时）">
            <JurisdictionTreeSelect
              roots={grantScopes(me)}
              value={where}
              onChange={setWhere}
              onError={setError}
              style={{ width: 300 }}
              ariaLabel="所在辖区"
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="summary"
          label="纠纷事实与诉求"
          rules={[{ required: true, min: 10, max: 2000, message: '请填写纠纷事实与诉求（10–2000 字）' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Typography.Text strong>当事人</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          至少两方，其中至少一名申请人。姓名、电话和地址加密保存，列表和详情中脱敏显示。
        </Typography.Paragraph>
        <Form.List
          name="parties"
          rules={[
            {
              validator: async (_, parties: Values['parties'] | undefined) => {
                if (!parties || parties.length < 2) throw new Error('请至少登记两方当事人');
                if (!parties.some((p) => p?.role === 'applicant')) throw new Error('请至少登记一名申请人');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <section aria-label="当事人">
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: '请选择' }]}>
                    <Select
                      aria-label={`当事人${i + 1}身份`}
                      style={{ width: 120 }}
                      options={Object.entries(PARTY_ROLES).map(([value, label]) => ({ value, label }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, max: 30, message: '请填写姓名' }]}
                  >
                    <Input
                      aria-label={`当事人${i + 1}姓名`}
                      placeholder="姓名"
                      maxLength={30}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '联系电话格式不正确' }]}
                  >
                    <Input
                      aria-label={`当事人${i + 1}电话`}
                      placeholder="联系电话"
                      maxLength={13}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'address']}>
                    <Input
                      aria-label={`当事人${i + 1}地址`}
                      placeholder="住址"
                      maxLength={120}
                      style={{ width: 230 }}
                    />
                  </Form.Item>
                  {fields.length > 2 ? (
                    <Button
                      type="text"
                      aria-label={`删除当事人${i + 1}`}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  ) : null}
                </Space>
              ))}
              {fields.length < 10 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'other' })}>
                  添加当事人
                </Button>
              ) : null}
              <Form.ErrorList errors={errors} />
            </section>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
