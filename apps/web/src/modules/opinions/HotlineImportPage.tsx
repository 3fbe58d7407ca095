import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api';
import {
  ExcelDropzone,
  type ImportJobBase,
  ImportModeChoice,
  ImportProgress,
  RowErrorTable,
  useImportJob,
} from '../../shared/ExcelImport';
import { useScope } from '../console/scope';
import { OpinionDrawer } from './OpinionDrawer';

interface TicketRef {
  row: number;
  ticketNo: string;
  caseId: string | null;
  trackingNo: string | null;
}
interface HotlineImportJob extends ImportJobBase {
  errorRows: number;
  duplicates: TicketRef[];
  created: TicketRef[];
}

/** Tickets by row: the created cases or the skipped duplicates, each opening its case. */
function TicketTable(props: {
  label: string;
  data: TicketRef[];
  empty: string;
  onOpen: (caseId: string) => void;
}) {
  const { label, data, empty, onOpen } = props;
  return (
    <Table<TicketRef>
      aria-label={label}
      size="small"
      rowKey="row"
      dataSource={data}
      locale={{ emptyText: empty }}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      columns={[
        { title: '行', dataIndex: 'row', width: 70 },
        { title: '工单编号', dataIndex: 'ticketNo', width: 200 },
        {
          title: '受理编号',
          dataIndex: 'trackingNo',
          render: (t: string | null, r: TicketRef) =>
            r.caseId ? (
              <Typography.Link onClick={() => onOpen(r.caseId!)}>{t ?? '查看事项'}</Typography.Link>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/** 12345工单导入: template, upload, progress, row errors, skipped duplicates, the cases created. */
export function HotlineImportPage() {
  const { scope } = useScope();
  const im = useImportJob<HotlineImportJob>('/api/hotline/imports', { scope: scope.code });
  const { job, finished } = im;
  const [open, setOpen] = useState<string | null>(null);

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
          <ExcelDropzone
            file={im.file}
            uid="hotline"
            hint="点击或拖入工单文件（.xlsx）"
            onChoose={im.choose}
          />
          <Space wrap>
            <ImportModeChoice value={im.mode} onChange={im.setMode} />
            <Button type="primary" disabled={!im.file || im.busy} loading={im.busy} onClick={im.start}>
              开始导入
            </Button>
          </Space>
          {im.error ? <Alert type="error" showIcon title={im.error} /> : null}
          {job ? (
            <>
              <ImportProgress
                job={job}
                wording={{ importing: '校验完成，正在登记…', rejected: '文件有错误，未导入任何工单' }}
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
                    children: <RowErrorTable errors={job.errors} emptyText="没有错误" />,
                  },
                  {
                    key: 'created',
                    label: `已登记（${job.created.length}）`,
                    children: (
                      <TicketTable
                        label="已登记的事项"
                        data={job.created}
                        empty="没有登记新的事项"
                        onOpen={setOpen}
                      />
                    ),
                  },
                  {
                    key: 'duplicates',
                    label: `重复跳过（${job.duplicates.length}）`,
                    children: (
                      <TicketTable
                        label="重复跳过的工单"
                        data={job.duplicates}
                        empty="没有重复的工单"
                        onOpen={setOpen}
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
