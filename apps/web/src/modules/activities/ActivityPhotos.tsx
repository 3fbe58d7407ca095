import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Image, Popconfirm, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { api, errorText } from '../../api';
import type { Activity, ActivityPhoto } from './activities.types';

/** As the API takes them (`activities.maxPhotoBytes` is checked there, by the real file type). */
export const MAX_ACTIVITY_PHOTOS = 9;
const ACCEPT = 'image/jpeg,image/png,image/webp';

/** Reads chosen files as data URLs (sent as base64; the server sniffs the real type and strips EXIF/GPS). */
export const readAsDataUrl = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });

/** Photos chosen in the registration form, sent with it (one bad photo refuses the registration). */
export function PhotoPicker({ value, onChange }: { value: File[]; onChange: (files: File[]) => void }) {
  const inputId = useId();
  return (
    <section aria-label="登记时附的照片" style={{ marginBottom: 12 }}>
      <label htmlFor={inputId} style={{ display: 'block', marginBottom: 4 }}>
        活动照片（最多 {MAX_ACTIVITY_PHOTOS} 张，JPEG/PNG/WebP，每张不超过 5 MB；上传时去除拍摄位置等信息）
      </label>
      <input
        id={inputId}
        type="file"
        accept={ACCEPT}
        multiple
        onChange={(e) => {
          const same = (a: File, b: File) =>
            a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
          const added = Array.from(e.target.files ?? []).filter((f) => !value.some((v) => same(v, f)));
          onChange([...value, ...added].slice(0, MAX_ACTIVITY_PHOTOS));
          e.target.value = '';
        }}
      />
      {value.length ? (
        <Space wrap size={4} style={{ marginTop: 6 }}>
          {value.map((f) => (
            <Button
              key={`${f.name}-${f.size}-${f.lastModified}`}
              size="small"
              icon={<DeleteOutlined />}
              aria-label={`移除照片 ${f.name}`}
              onClick={() => onChange(value.filter((x) => x !== f))}
            >
              {f.name}
            </Button>
          ))}
        </Space>
      ) : null}
    </section>
  );
}

const photoUrl = (activityId: string, photoId: string) => `/api/activities/${activityId}/photos/${photoId}`;

/**
 * The photos of an activity as thumbnails (click to enlarge); where the API says they may still
 * change (`photosEditable`), more can be added and each can be removed.
 */
export function ActivityPhotos({ activity, onChanged }: { activity: Activity; onChanged: () => void }) {
  const { message } = App.useApp();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const photos: ActivityPhoto[] = activity.photos ?? [];
  const editable = !!activity.photosEditable;
  if (!editable && photos.length === 0) return null;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      message.success(done);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const add = (files: File[]) =>
    run(
      async () =>
        api.post(`/api/activities/${activity.id}/photos`, {
          photos: await Promise.all(files.map(readAsDataUrl)),
        }),
      '照片已上传',
    );

  return (
    <section aria-label="活动照片" style={{ marginTop: 16 }}>
      <Typography.Text strong>活动照片</Typography.Text>
      {error ? <Alert type="error" showIcon title={error} style={{ margin: '8px 0' }} /> : null}
      {photos.length ? (
        <Image.PreviewGroup>
          <Space wrap style={{ display: 'flex', marginTop: 8 }}>
            {photos.map((p, i) => (
              <Space key={p.id} direction="vertical" size={2} align="center">
                <Image
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  src={photoUrl(activity.id, p.id)}
                  alt={`活动照片 ${i + 1}`}
                />
                {editable ? (
                  <Popconfirm
                    title="删除这张照片？"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() =>
                      run(() => api.delete(`/api/activities/${activity.id}/photos/${p.id}`), '照片已删除')
                    }
                  >
                    <Button size="small" type="link" danger disabled={busy}>
                      删除照片 {i + 1}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <div style={{ color: '#8c8c8c', margin: '8px 0' }}>尚无照片</div>
      )}
      {editable && photos.length < MAX_ACTIVITY_PHOTOS ? (
        <div style={{ marginTop: 8 }}>
          <label htmlFor={inputId} style={{ marginRight: 8 }}>
            添加照片
          </label>
          <input
            id={inputId}
            type="file"
            accept={ACCEPT}
            multiple
            disabled={busy}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length) void add(files);
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
