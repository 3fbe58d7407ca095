import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Progress,
  Radio,
  Space,
  Table,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorText, withQuery } from '../../api';
import { useScope } from '../console/scope';
import { OpinionDrawer } from './OpinionDrawer';

const MAX_BYTES = 10 * 1024 * 1024;

interface RowError {
  row: number;
  column: string;
  message: string;
}
interface TicketRef {
  row: number;
  ticketNo: string;
  caseId: string | null;
  trackingNo: string | null;
}
interface HotlineImportJob {
  id: string;
  status: 'validating' | 'importing' | 'done' | 'rejected' | 'failed';
  mode: 'all_or_nothing' | 'clean_rows';
  total: number;
  processed: number;
  imported: number;
  errors: RowError[];
  errorCount: number;
  errorRows: number;
  duplicates: TicketRef[];
  created: TicketRef[];
}

const statusText: Record<HotlineImportJob['status'], string> = {
  validating: '正在逐行校验…',
  importing: '校验完成，正在登记…',
  done: '导入完成',
  rejected: '文件有错误，未导入任何工单',
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

/** 12345工单导入: template, upload, progress, row errors, skipped duplicates, the cases created. */
export function HotlineImportPage() {
  const { scope } = useScope();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<HotlineImportJob['mode']>('all_or_nothing');
  const [job, setJob] = useState<HotlineImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = (id: string) => {
    api
      .get<HotlineImportJob>(`/api/hotline/imports/${id}`)
      .then((j) => {
        setJob(j);
        if (j.status === 'validating' || j.status === 'importing') {
          timer.current = window.setTimeout(() => poll(id), 400);
        } else setBusy(false);
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
      const body = { file: await readBase64(file), mode, scope: scope.code };
      const { jobId } = await api.post<{ jobId: string }>('/api/hotline/imports', body);
      poll(jobId);
    } catch (cause) {
      setError(errorText(cause));
      setBusy(false);
    }
  };

  const percent = job && job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  const finished = job && !['validating', 'importing'].includes(job.status);
  const refColumns = [
    { title: '行', dataIndex: 'row', width: 70 },
    { title: '工单编号', dataIndex: 'ticketNo', width: 200 },
    {
      title: '受理编号',
      dataIndex: 'trackingNo',
      render: (t: string | null, r: TicketRef) =>
        r.caseId ? (
          <Typography.Link onClick={() => setOpen(r.caseId)}>{t ?? '查看事项'}</Typography.Link>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>12345工单导入</Typography.Title>
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text type="secondary">
            将 12345 热线转来的疑难工单按模板填写后上传，每个文件不超过 10
            MB。系统逐行校验；已登记过的工单编号会被跳过，不会重复登记。
            工单进入民意受理队列（来源“12345热线”），来电人信息加密保存。
          </Typography.Text>
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              href={withQuery('/api/hotline/template', { scope: scope.code })}
            >
              下载模板
            </Button>
          </Space>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setJob(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'hotline', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>点击或拖入工单文件（.xlsx）</p>
          </Upload.Dragger>
          <Space wrap>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} aria-label="导入方式">
              <Radio value="all_or_nothing">全部无误才导入</Radio>
              <Radio value="clean_rows">只导入无误的行</Radio>
            </Radio.Group>
            <Button type="primary" disabled={!file || busy} loading={busy} onClick={start}>
              开始导入
            </Button>
          </Space>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          {job ? (
            <>
              <Progress
                percent={percent}
                status={job.status === 'rejected' || job.status === 'failed' ? 'exception' : undefined}
              />
              <Alert
                type={
                  job.status === 'done' && job.errorCount === 0 ? 'success' : finished ? 'warning' : 'info'
                }
                showIcon
                title={statusText[job.status]}
                description={finished ? null : `已校验 ${job.processed} / ${job.total} 行`}
              />
              {finished ? (
                <Descriptions size="small" bordered column={4} aria-label="导入结果">
                  <Descriptions.Item label="数据行">{job.total}</Descriptions.Item>
                  <Descriptions.Item label="已登记">{job.imported}</Descriptions.Item>
                  <Descriptions.Item label="重复跳过">{job.duplicates.length}</Descriptions.Item>
                  <Descriptions.Item label="有误的行">{job.errorRows}</Descriptions.Item>
                </Descriptions>
              ) : null}
              <Tabs
                items={[
                  {
                    key: 'errors',
                    label: `错误（${job.errorCount}）`,
                    children: (
                      <Table<RowError>
                        aria-label="导入错误"
                        size="small"
                        rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                        dataSource={job.errors}
                        locale={{ emptyText: '没有错误' }}
                        pagination={{ pageSize: 10, showSizeChanger: false }}
                        columns={[
                          {
                            title: '行',
                            dataIndex: 'row',
                            width: 70,
                            render: (r: number) => (r > 0 ? r : '—'),
                          },
                          { title: '列', dataIndex: 'column', width: 130 },
                          { title: '问题', dataIndex: 'message' },
                        ]}
                      />
                    ),
                  },
                  {
                    key: 'created',
                    label: `已登记（${job.created.length}）`,
                    children: (
                      <Table<TicketRef>
                        aria-label="已登记的事项"
                        size="small"
                        rowKey="row"
                        dataSource={job.created}
                        locale={{ emptyText: '没有登记新的事项' }}
                        pagination={{ pageSize: 10, showSizeChanger: false }}
                        columns={refColumns}
                      />
                    ),
                  },
                  {
                    key: 'duplicates',
                    label: `重复跳过（${job.duplicates.length}）`,
                    children: (
                      <Table<TicketRef>
                        aria-label="重复跳过的工单"
                        size="small"
                        rowKey="row"
                        dataSource={job.duplicates}
                        locale={{ emptyText: '没有重复的工单' }}
                        pagination={{ pageSize: 10, showSizeChanger: false }}
                        columns={refColumns}
                      />
                    ),
                  },
                ]}
              />
            </>
          ) : null}
        </Space>
      </Card>
      <OpinionDrawer id={open} onClose={() => setOpen(null)} onChanged={() => {}} />
    </>
  );
}
