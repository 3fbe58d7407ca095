import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { JurisdictionTreeSelect, type ScopeOption } from '../jurisdictions/JurisdictionTreeSelect';
import type { Deputy, DeputyOptions, Mandate } from './deputies.types';
import { StatusChange } from './StatusChange';

interface FormValues {
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birthYear?: number | null;
  party?: string;
  occupationCategory?: string;
  workplace?: string;
  duties?: string;
  phone?: string;
  expertise: string[];
  professionalGroups: string[];
  gridCodes: string[];
  stationIds: string[];
  mandates: Mandate[];
  stationReception: boolean;
  onlineMessages: boolean;
  showWorkplace: boolean;
}

interface Props {
  id: string | null;
  options: DeputyOptions | undefined;
  canWrite: boolean;
  onClose: () => void;
  onSaved: () => void;
}

function initial(d: Deputy | undefined): Partial<FormValues> {
  if (!d) {
    return {
      gender: '男',
      ethnicity: '汉族',
      expertise: [],
      professionalGroups: [],
      gridCodes: [],
      stationIds: [],
      mandates: [{ level: 'county', term: 18, electoralDistrict: null, delegation: null, groupName: null }],
      stationReception: true,
      onlineMessages: true,
      showWorkplace: false,
    };
  }
  return {
    ...d,
    party: d.party ?? undefined,
    occupationCategory: d.occupationCategory ?? undefined,
    workplace: d.workplace ?? undefined,
    duties: d.duties ?? undefined,
    gridCodes: d.grids.map((g) => g.code),
    stationIds: d.stations.map((s) => s.id),
    stationReception: d.contactPrefs.stationReception ?? true,
    onlineMessages: d.contactPrefs.onlineMessages ?? true,
    showWorkplace: d.contactPrefs.showWorkplace ?? false,
  };
}

/** Detail and edit of one deputy (or a new one), with the status change below the form. */
export function DeputyDrawer({ id, options, canWrite, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const detail = useApi<Deputy>(id ? `/api/deputies/${id}` : null);
  const [form] = Form.useForm<FormValues>();
  const [place, setPlace] = useState<ScopeOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (detail.data) setPlace({ code: detail.data.jurisdictionCode, name: detail.data.jurisdictionName });
  }, [detail.data]);

  const save = async () => {
    const v = await form.validateFields();
    if (!place) {
      setError('请选择所属辖区');
      return;
    }
    setSaving(true);
    setError(null);
    const { stationReception, onlineMessages, showWorkplace, phone, ...rest } = v;
    const body = {
      ...rest,
      jurisdictionCode: place.code,
      birthYear: rest.birthYear ?? null,
      contactPrefs: { stationReception, onlineMessages, showWorkplace },
      ...(phone ? { phone: phone.trim() } : {}),
    };
    try {
      if (id) await api.put(`/api/deputies/${id}`, body);
      else await api.post('/api/deputies', body);
      message.success(id ? '已保存' : '已新增代表');
      onSaved();
      if (id) detail.reload();
      else onClose();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  const ready = !id || detail.data;
  const list = (xs: string[] | undefined) => (xs ?? []).map((x) => ({ value: x, label: x }));
  return (
    <Drawer
      open
      title={id ? (detail.data?.name ?? '代表详情') : '新增代表'}
      size={760}
      onClose={onClose}
      extra={
        <Space>
          {id ? (
            <Button href={`/api/deputies/${encodeURIComponent(id)}/card.pdf`} target="_blank">
              联系卡（PDF）
            </Button>
          ) : null}
          {canWrite ? (
            <Button type="primary" loading={saving} onClick={save}>
              保存
            </Button>
          ) : null}
        </Space>
      }
    >
      {detail.error ? <Alert type="error" showIcon title={detail.error.message} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {!ready ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" initialValues={initial(detail.data)} disabled={!canWrite}>
          <Space wrap align="start">
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
              <Input maxLength={30} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="gender" label="性别">
              <Select style={{ width: 80 }} options={list(['男', '女'])} />
            </Form.Item>
            <Form.Item name="ethnicity" label="民族">
              <Input style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="birthYear" label="出生年份">
              <InputNumber min={1900} max={2100} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="party" label="政治面貌">
              <Input style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item label="所属辖区" required>
            <JurisdictionTreeSelect
              roots={options ? [options.scope] : []}
              value={place}
              onChange={setPlace}
              onError={setError}
              style={{ width: 360 }}
              ariaLabel="所属辖区"
            />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="occupationCategory" label="职业类别">
              <Select allowClear style={{ width: 160 }} options={list(options?.occupationCategories)} />
            </Form.Item>
            <Form.Item name="workplace" label="工作单位">
              <Input style={{ width: 300 }} maxLength={100} />
            </Form.Item>
          </Space>
          <Form.Item
            name="phone"
            label={`手机号码${detail.data?.phoneMasked ? `（当前 ${detail.data.phoneMasked}，不修改请留空）` : ''}`}
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入正确的 11 位手机号码' }]}
          >
            <Input style={{ width: 200 }} autoComplete="off" />
          </Form.Item>
          <Form.List name="mandates">
            {(fields, { add, remove }) => (
              <Form.Item label="代表资格（层级、届次、选区、代表团、代表小组）" required>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'level']} rules={[{ required: true, message: '请选择层级' }]}>
                      <Select style={{ width: 130 }} options={options?.levels} aria-label="代表层级" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'term']} rules={[{ required: true, message: '请填写届次' }]}>
                      <InputNumber min={1} max={99} addonAfter="届" style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'electoralDistrict']}>
                      <Input placeholder="选区/选举单位" style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'delegation']}>
                      <Input placeholder="代表团" style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'groupName']}>
                      <Input placeholder="代表小组" style={{ width: 130 }} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除资格" />
                    ) : null}
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ level: 'township', term: 18 })}
                >
                  添加代表资格
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="professionalGroups" label="专业代表小组">
            <Select mode="multiple" options={list(options?.professionalGroups)} />
          </Form.Item>
          <Form.Item name="expertise" label="专长标签（可输入新标签后回车）">
            <Select mode="tags" tokenSeparators={['、', ',', '，']} />
          </Form.Item>
          <Form.Item name="gridCodes" label="网格责任区">
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={options?.grids.map((g) => ({ value: g.code, label: `${g.parentName} ${g.name}` }))}
            />
          </Form.Item>
          <Form.Item name="stationIds" label="进驻的代表之家/联络站">
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={options?.stations.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="duties" label="公开简介">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="stationReception" label="接受进站接待" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="onlineMessages" label="接受网上留言" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="showWorkplace" label="公开工作单位" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      )}
      {id && detail.data ? (
        <StatusChange
          deputy={detail.data}
          canWrite={canWrite}
          onChanged={() => {
            detail.reload();
            onSaved();
          }}
        />
      ) : null}
    </Drawer>
  );
}
