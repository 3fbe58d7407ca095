import { InboxOutlined } from '@ant-design/icons';
import { Alert, Progress, Radio, Table, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../api';

/**
 * The Excel import screens' shared parts: upload (base64 JSON), polling the job, the progress and
 * the errors by Excel row and Chinese column. Each screen keeps its own layout and wording.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}
export type ImportMode = 'all_or_nothing' | 'clean_rows';
export interface ImportJobBase {
  id: string;
  status: 'validating' | 'importing' | 'done' | 'rejected' | 'failed';
  mode: ImportMode;
  total: number;
  processed: number;
  imported: number;
  errors: ImportRowError[];
  errorCount: number;
}

const running = (j: ImportJobBase) => j.status === 'validating' || j.status === 'importing';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * One import at a time against `endpoint` (POST starts a job, GET `endpoint/:id` reports it):
 * the chosen file and mode, the job as last polled, a Chinese error, busy while it runs.
 */
export function useImportJob<J extends ImportJobBase>(
  endpoint: string,
  opts: { scope: string; onFinished?: (job: J) => void },
) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [job, setJob] = useState<J | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const onFinished = useRef(opts.onFinished);
  onFinished.current = opts.onFinished;

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = (id: string) => {
    api
      .get<J>(`${endpoint}/${id}`)
      .then((j) => {
        setJob(j);
        if (running(j)) {
          timer.current = window.setTimeout(() => poll(id), 400);
        } else {
          setBusy(false);
          onFinished.current?.(j);
        }
      })
      .catch((cause) => {
        setError(errorText(cause));
        setBusy(false);
      });
  };

  const start = async () => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setError('文件超过 10 MB，请拆分后分批导入');
      return;
    }
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      const body = { file: await readBase64(file), mode, scope: opts.scope };
      const { jobId } = await api.post<{ jobId: string }>(endpoint, body);
      poll(jobId);
    } catch (cause) {
      setError(errorText(cause));
      setBusy(false);
    }
  };

  const reset = () => {
    window.clearTimeout(timer.current);
    setFile(null);
    setJob(null);
    setError(null);
    setBusy(false);
  };

  const choose = (f: File | null) => {
    setFile(f);
    if (f) setJob(null);
  };

  const finished = job !== null && !running(job);
  return { file, choose, mode, setMode, job, finished, error, busy, start, reset };
}

/** The drop zone for one .xlsx file (chosen, not uploaded, until the import starts). */
export function ExcelDropzone(props: {
  file: File | null;
  uid: string;
  hint: string;
  onChoose: (f: File | null) => void;
}) {
  const { file, uid, hint, onChoose } = props;
  return (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      maxCount={1}
      beforeUpload={(f) => {
        onChoose(f);
        return false;
      }}
      onRemove={() => onChoose(null)}
      fileList={file ? [{ uid, name: file.name, status: 'done' }] : []}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p>{hint}</p>
    </Upload.Dragger>
  );
}

export function ImportModeChoice({
  value,
  onChange,
}: {
  value: ImportMode;
  onChange: (m: ImportMode) => void;
}) {
  return (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} aria-label="导入方式">
      <Radio value="all_or_nothing">全部无误才导入</Radio>
      <Radio value="clean_rows">只导入无误的行</Radio>
    </Radio.Group>
  );
}

/** What differs between screens: what “importing” does and what a refused file did not import. */
export interface ImportWording {
  importing: string;
  rejected: string;
}

/** The progress bar and the job's state; `finishedText` describes a finished job (or nothing). */
export function ImportProgress<J extends ImportJobBase>(props: {
  job: J;
  wording: ImportWording;
  finishedText?: (job: J) => ReactNode;
}) {
  const { job, wording, finishedText } = props;
  const statusText: Record<ImportJobBase['status'], string> = {
    validating: '正在逐行校验…',
    importing: wording.importing,
    done: '导入完成',
    rejected: wording.rejected,
    failed: '导入失败，请稍后重试',
  };
  const percent = job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  const finished = !running(job);
  return (
    <>
      <Progress
        percent={percent}
        status={job.status === 'rejected' || job.status === 'failed' ? 'exception' : undefined}
      />
      <Alert
        type={job.status === 'done' && job.errorCount === 0 ? 'success' : finished ? 'warning' : 'info'}
        showIcon
        title={statusText[job.status]}
        description={finished ? (finishedText?.(job) ?? null) : `已校验 ${job.processed} / ${job.total} 行`}
      />
    </>
  );
}

/** The errors by Excel row (0: the file as a whole, shown as —) and Chinese column. */
export function RowErrorTable({ errors, emptyText }: { errors: ImportRowError[]; emptyText?: string }) {
  return (
    <Table<ImportRowError>
      aria-label="导入错误"
      size="small"
      rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
      dataSource={errors}
      locale={emptyText ? { emptyText } : undefined}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      columns={[
        { title: '行', dataIndex: 'row', width: 70, render: (r: number) => (r > 0 ? r : '—') },
        { title: '列', dataIndex: 'column', width: 130 },
        { title: '问题', dataIndex: 'message' },
      ]}
    />
  );
}
