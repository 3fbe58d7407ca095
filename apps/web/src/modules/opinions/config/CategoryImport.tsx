import { Alert, App, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../../api';
import type { ImportResult } from './config.types';

const MAX_BYTES = 1_500_000;

/**
 * 导入分类: a JSON-lines file (`{"level1":"城乡建设","level2":"安全生产","level3":"事故处理"}` a line).
 * The file is previewed first (what would be created, line errors); nothing is written until 确认导入.
 */
export function CategoryImport({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (text: string, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ImportResult>('/api/opinions/config/categories/import', {
        content: text,
        dryRun,
      });
      if (dryRun) setPreview(r);
      else {
        message.success(`已导入 ${r.created.length} 个分类`);
        onDone();
      }
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  const pick = async (file: File | undefined) => {
    setPreview(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setError('文件超过 1.5 MB，请拆分后导入');
    const text = await file.text();
    setContent(text);
    await send(text, true);
  };
  const ok = !!preview && preview.errors.length === 0 && preview.created.length > 0;

  return (
    <Modal
      open
      title="导入问题分类"
      onCancel={onClose}
      onOk={() => (content && ok ? send(content, false) : onClose())}
      okText={ok ? `确认导入 ${preview!.created.length} 个分类` : '关闭'}
      confirmLoading={busy}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        每行一个分类路径，如 {'{"level1":"城乡建设","level2":"安全生产","level3":"事故处理"}'}
        ；已有的同名分类沿用，新分类自动编码。先预览，确认后才写入。
      </Typography.Paragraph>
      <input
        type="file"
        accept=".jsonl,.json,.txt,application/json,text/plain"
        aria-label="分类文件"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      {preview ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph>
            共 {preview.lines} 行：新增 {preview.created.length} 个分类，沿用已有 {preview.existing} 个
            {preview.errors.length ? `，${preview.errors.length} 行有误（未导入任何分类）` : ''}。
          </Typography.Paragraph>
          {preview.errors.length ? (
            <List
              size="small"
              bordered
              dataSource={preview.errors.slice(0, 50)}
              renderItem={(e) => (
                <List.Item>
                  第 {e.line} 行：{e.message}
                </List.Item>
              )}
            />
          ) : (
            <List
              size="small"
              bordered
              style={{ maxHeight: 260, overflow: 'auto' }}
              dataSource={preview.created.slice(0, 200)}
              renderItem={(c) => (
                <List.Item>
                  {'　'.repeat(c.level - 1)}
                  {c.name}（{c.code}）
                </List.Item>
              )}
            />
          )}
        </div>
      ) : null}
    </Modal>
  );
}
