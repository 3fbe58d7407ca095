import type { FormInstance } from 'antd';
import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { fieldIssues } from '../../api';
import { stationBasisLabels, stationKindLabels } from './stations.types';

export interface StationFormValues {
  name: string;
  kind: string;
  basis: string;
  address: string;
  lat: number | null;
  lng: number | null;
  openingHours: string | null;
  phone: string | null;
  description: string | null;
  photoUrl: string | null;
  active: boolean;
}

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Shows the server's field messages (`details: [{ path: 'body.phone', message }]`) beside the fields. */
export function showFieldIssues(form: FormInstance, error: unknown): boolean {
  const issues = fieldIssues(error)
    .map((i) => ({ name: i.path.replace(/^body\.?/, ''), errors: [i.message] }))
    .filter((i) => i.name);
  if (issues.length) form.setFields(issues);
  return issues.length > 0;
}

/** The station's fields; liaison staff (`managed` false) cannot change name, kind, basis or status. */
export function StationFields({ managed }: { managed: boolean }) {
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label="名称"
            rules={[{ required: true, min: 2, message: '请填写家站点名称（至少 2 个字）' }]}
          >
            <Input disabled={!managed} maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择家站点类型' }]}>
            <Select disabled={!managed} options={options(stationKindLabels)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="basis" label="设立方式" rules={[{ required: true, message: '请选择设立方式' }]}>
            <Select disabled={!managed} options={options(stationBasisLabels)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址" rules={[{ required: true, min: 4, message: '请填写详细地址' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="lat" label="纬度" extra="中国境内，如 31.11">
            <InputNumber style={{ width: '100%' }} min={-90} max={90} step={0.0001} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="lng" label="经度" extra="中国境内，如 121.38">
            <InputNumber style={{ width: '100%' }} min={-180} max={180} step={0.0001} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="openingHours" label="开放时间">
            <Input placeholder="如：周一至周五 9:00–17:00" maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label="值班电话（公开）">
            <Input placeholder="如：021-64123456" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="photoUrl" label="照片地址">
            <Input placeholder="https://… 或 /uploads/…" maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="简介">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="active" label="运行状态" valuePropName="checked">
        <Switch disabled={!managed} checkedChildren="运行中" unCheckedChildren="已停用" />
      </Form.Item>
    </>
  );
}

/** Empty inputs go to the API as null. */
export function cleanValues(values: StationFormValues): StationFormValues {
  const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return {
    ...values,
    lat: values.lat ?? null,
    lng: values.lng ?? null,
    openingHours: blank(values.openingHours),
    phone: blank(values.phone),
    description: blank(values.description),
    photoUrl: blank(values.photoUrl),
  };
}
