import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../api';
import type { ImportJob, RowError } from './deputies.types';

const MAX_BYTES = 10 * 1024 * 1024;
const statusText: Record<ImportJob['status'], string> = {
  validating: '正在逐行校验…',
  importing: '校验完成，正在写入…',
  done: '导入完成',
  rejected: '文件有错误，未导入任何数据',
  failed: '导入失败，请稍后重试',
};

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

interface Props {
  open: boolean;
  scopeCode: string;
  onClose: () => void;
  onImported: () => void;
}

/** Upload a roster, choose the mode, watch the progress, read the errors by row and column. */
export function ImportModal({ open, scopeCode, onClose, onImported }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportJob['mode']>('all_or_nothing');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = (id: string) => {
    api
      .get<ImportJob>(`/api/deputies/imports/${id}`)
      .then((j) => {
        setJob(j);
        if (j.status === 'validating' || j.status === 'importing') {
          timer.current = window.setTimeout(() => poll(id), 400);
        } else {
          setBusy(false);
          if (j.imported > 0) onImported();
        }
      })
      .catch((cause) => {
        setError(errorText(cause));
        setBusy(false);
      });
  };

  const start = async () => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError('文件超过 10 MB，请拆分后分批导入');
      return;
    }
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      const body = { file: await readBase64(file), mode, scope: scopeCode };
      const { jobId } = await api.post<{ jobId: string }>('/api/deputies/imports', body);
      poll(jobId);
    } catch (cause) {
      setError(errorText(cause));
      setBusy(false);
    }
  };

  const close = () => {
    window.clearTimeout(timer.current);
    setFile(null);
    setJob(null);
    setError(null);
    setBusy(false);
    onClose();
  };

  const percent = job && job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  const finished = job && !['validating', 'importing'].includes(job.status);
  return (
    <Modal
      title="导入代表名册"
      open={open}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>关闭</Button>
          <Button type="primary" disabled={!file || busy} loading={busy} onClick={start}>
            开始导入
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">
          请使用“下载模板”得到的 .xlsx 文件填写，每个文件不超过 10 MB。系统会逐行校验全部数据。
        </Typography.Text>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setJob(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'roster', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入名册文件（.xlsx）</p>
        </Upload.Dragger>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} aria-label="导入方式">
          <Radio value="all_or_nothing">全部无误才导入</Radio>
          <Radio value="clean_rows">只导入无误的行</Radio>
        </Radio.Group>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {job ? (
          <>
            <Progress
              percent={percent}
              status={job.status === 'rejected' || job.status === 'failed' ? 'exception' : undefined}
            />
            <Alert
              type={job.status === 'done' && job.errorCount === 0 ? 'success' : finished ? 'warning' : 'info'}
              showIcon
              title={statusText[job.status]}
              description={
                finished
                  ? `共 ${job.total} 行，导入 ${job.imported} 行，发现 ${job.errorCount} 处错误`
                  : `已校验 ${job.processed} / ${job.total} 行`
              }
            />
          </>
        ) : null}
        {job && job.errors.length > 0 ? (
          <Table<RowError>
            aria-label="导入错误"
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            dataSource={job.errors}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: '行', dataIndex: 'row', width: 70, render: (r: number) => (r > 0 ? r : '—') },
              { title: '列', dataIndex: 'column', width: 130 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
