import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Image, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, errorText } from '../../api';
import type { SuggestionDetail } from './suggestions.types';

/** At most this many files per suggestion (the server's limit too). */
export const MAX_SUGGESTION_FILES = 9;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/** Reads chosen files as data URLs (sent as base64; the server sniffs the real type). */
export const readAsDataUrl = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });

/** Uploads files to a suggestion (the lead deputy, before registration). */
export async function uploadAttachments(id: string, files: File[]) {
  return api.post(`/api/suggestions/${id}/attachments`, {
    files: await Promise.all(files.map(readAsDataUrl)),
  });
}

/**
 * A file picker for photos and PDFs (used on the draft form and in the drawer): a Chinese button in
 * front of the browser's own file input (whose text follows the browser's language), and the names
 * of the files chosen.
 */
export function FilePicker({
  files,
  onChange,
  max = MAX_SUGGESTION_FILES,
}: {
  files: File[];
  onChange: (f: File[]) => void;
  max?: number;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space orientation="vertical">
      <input
        ref={input}
        type="file"
        aria-label="选择附件"
        accept={ACCEPT}
        multiple
        hidden
        onChange={(e) => onChange(Array.from(e.target.files ?? []).slice(0, max))}
      />
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()}>
        {files.length ? '重新选择附件' : '选择附件'}
      </Button>
      {files.length ? (
        <Typography.Text>
          已选 {files.length} 个：{files.map((f) => f.name).join('、')}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary">
        照片（JPEG/PNG/WebP，自动去除拍摄位置等信息）或 PDF，最多 {max} 个
      </Typography.Text>
    </Space>
  );
}

/**
 * 附件: photos (thumbnails) and PDFs, served only to who may see the suggestion; the lead deputy
 * adds and removes them while drafting or awaiting review (`attachmentsEditable`).
 */
export function SuggestionAttachments({ d, onChanged }: { d: SuggestionDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [picker, setPicker] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (d.attachments.length === 0 && !d.attachmentsEditable) return null;
  const url = (fileId: string) => `/api/suggestions/${d.id}/attachments/${fileId}`;
  const left = MAX_SUGGESTION_FILES - d.attachments.length;
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      message.success(ok);
      setFiles([]);
      setPicker((n) => n + 1);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="附件" style={{ marginTop: 12 }}>
      <h4>附件</h4>
      {d.attachments.length === 0 ? <Typography.Text type="secondary">暂无附件</Typography.Text> : null}
      <Space wrap>
        {d.attachments.map((a, i) => (
          <Space key={a.id} orientation="vertical" size={2}>
            {a.mime === 'application/pdf' ? (
              <a href={url(a.id)} target="_blank" rel="noreferrer">
                附件{i + 1}（PDF，{Math.ceil(a.bytes / 1024)} KB）
              </a>
            ) : (
              <Image width={96} src={url(a.id)} alt={`附件${i + 1}`} />
            )}
            {d.attachmentsEditable ? (
              <Button
                size="small"
                danger
                disabled={busy}
                onClick={() =>
                  run(() => api.delete(`/api/suggestions/${d.id}/attachments/${a.id}`), '附件已删除')
                }
              >
                删除
              </Button>
            ) : null}
          </Space>
        ))}
      </Space>
      {d.attachmentsEditable && left > 0 ? (
        <Space style={{ marginTop: 8 }} align="start" wrap>
          <FilePicker key={picker} files={files} onChange={setFiles} max={left} />
          <Button
            disabled={files.length === 0}
            loading={busy}
            onClick={() => run(() => uploadAttachments(d.id, files), '附件已上传')}
          >
            上传附件
          </Button>
        </Space>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
    </section>
  );
}
