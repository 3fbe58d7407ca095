import { Alert, App, Button, Descriptions, Form } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { cleanValues, StationFields, type StationFormValues, showFieldIssues } from './StationFields';
import type { StationDetail } from './stations.types';

const MANAGED = ['name', 'kind', 'basis', 'active'] as const;

/** 基本信息: congress staff edit everything; the station's own liaison staff the practical details. */
export function BasicTab({ station, onSaved }: { station: StationDetail; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<StationFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = cleanValues(await form.validateFields());
    const body: Partial<StationFormValues> = { ...values };
    if (!station.can.manage) for (const f of MANAGED) delete body[f];
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/api/stations/${encodeURIComponent(station.id)}`, body);
      message.success('已保存基本信息');
      onSaved();
    } catch (cause) {
      if (!showFieldIssues(form, cause)) setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="所在区划">{station.jurisdictionName}</Descriptions.Item>
        <Descriptions.Item label="二维码编号">{station.publicCode}</Descriptions.Item>
        <Descriptions.Item label="建设标准">
          达标 {station.checklist.met}/{station.checklist.total} 项（{station.checklist.percent}%）
        </Descriptions.Item>
      </Descriptions>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {station.can.edit ? null : (
        <Alert
          type="info"
          showIcon
          title="您可以查看本站信息；修改请联系负责的人大工作人员"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={station} disabled={!station.can.edit}>
        <StationFields managed={station.can.manage} />
        {station.can.edit ? (
          <Button type="primary" onClick={save} loading={saving}>
            保存基本信息
          </Button>
        ) : null}
      </Form>
    </>
  );
}
