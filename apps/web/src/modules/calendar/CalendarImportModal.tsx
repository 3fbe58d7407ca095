import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, type FieldIssue, fieldIssues } from '../../api';
import type { CalendarYearDetail } from './calendar.types';

interface Props {
  open: boolean;
  defaultYear: number;
  onClose: () => void;
  onLoaded: (year: number) => void;
}

interface Problem {
  title: string;
  issues: FieldIssue[];
}

function yearOf(text: string): number | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'year' in parsed) {
      const year = Number((parsed as { year: unknown }).year);
      return Number.isInteger(year) ? year : null;
    }
  } catch {
    // Not JSON yet; the user may still be typing.
  }
  return null;
}

/** sysadmin loads a year's official holiday schedule (JSON) with `PUT /api/calendar/years/:year`. */
export function CalendarImportModal({ open, defaultYear, onClose, onLoaded }: Props) {
  const { message } = App.useApp();
  const [year, setYear] = useState<number>(defaultYear);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  const changeText = (next: string) => {
    setText(next);
    const detected = yearOf(next);
    if (detected) setYear(detected);
  };

  const submit = async () => {
    setProblem(null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setProblem({ title: `不是有效的 JSON：${(error as Error).message}`, issues: [] });
      return;
    }
    setSaving(true);
    try {
      const result = await api.put<CalendarYearDetail>(`/api/calendar/years/${year}`, { json });
      message.success(`已导入 ${year} 年法定节假日安排，全年工作日 ${result.workingDays} 天`);
      setText('');
      onLoaded(year);
    } catch (error) {
      if (error instanceof ApiError) setProblem({ title: error.message, issues: fieldIssues(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="导入法定节假日安排"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="导入"
      confirmLoading={saving}
      okButtonProps={{ disabled: !text.trim() }}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        请粘贴或上传国务院办公厅发布的年度节假日安排 JSON 文件（官方格式，或{' '}
        {'{ year, source, publishedOn, days }'}）。
      </Typography.Paragraph>
      {problem ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={problem.title}
          description={
            problem.issues.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {problem.issues.map((issue) => (
                  <li key={`${issue.path}-${issue.message}`}>
                    {issue.path ? <code>{issue.path}</code> : null} {issue.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form layout="vertical">
        <Form.Item label="年度">
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Form.Item>
        <Form.Item label="JSON 内容">
          <Input.TextArea
            rows={10}
            value={text}
            onChange={(e) => changeText(e.target.value)}
            placeholder='{"year": 2026, "source": "国办发明电〔2025〕7号", "days": [...]}'
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            file.text().then(changeText, () => message.error('无法读取该文件'));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>选择 JSON 文件</Button>
        </Upload>
      </Form>
    </Modal>
  );
}
