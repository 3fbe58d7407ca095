import { Alert, Button, Modal, Space, Typography } from 'antd';
import {
  ExcelDropzone,
  ImportModeChoice,
  ImportProgress,
  RowErrorTable,
  useImportJob,
} from '../../shared/ExcelImport';
import type { ImportJob } from './deputies.types';

interface Props {
  open: boolean;
  scopeCode: string;
  onClose: () => void;
  onImported: () => void;
}

/** Upload a roster, choose the mode, watch the progress, read the errors by row and column. */
export function ImportModal({ open, scopeCode, onClose, onImported }: Props) {
  const im = useImportJob<ImportJob>('/api/deputies/imports', {
    scope: scopeCode,
    onFinished: (j) => {
      if (j.imported > 0) onImported();
    },
  });
  const { job } = im;

  const close = () => {
    im.reset();
    onClose();
  };

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
          <Button type="primary" disabled={!im.file || im.busy} loading={im.busy} onClick={im.start}>
            开始导入
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">
          请使用“下载模板”得到的 .xlsx 文件填写，每个文件不超过 10 MB。系统会逐行校验全部数据。
        </Typography.Text>
        <ExcelDropzone file={im.file} uid="roster" hint="点击或拖入名册文件（.xlsx）" onChoose={im.choose} />
        <ImportModeChoice value={im.mode} onChange={im.setMode} />
        {im.error ? <Alert type="error" showIcon title={im.error} /> : null}
        {job ? (
          <ImportProgress
            job={job}
            wording={{ importing: '校验完成，正在写入…', rejected: '文件有错误，未导入任何数据' }}
            finishedText={(j) => `共 ${j.total} 行，导入 ${j.imported} 行，发现 ${j.errorCount} 处错误`}
          />
        ) : null}
        {job && job.errors.length > 0 ? <RowErrorTable errors={job.errors} /> : null}
      </Space>
    </Modal>
  );
}
