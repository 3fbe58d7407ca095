import { Alert, App, Button, Card, Form, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { FilePicker, uploadAttachments } from './SuggestionAttachments';
import { SuggestionDrawer } from './SuggestionDrawer';

interface Cosignable {
  id: string;
  trackingNo: string;
  title: string;
  body: string;
  deputyName: string | null;
  state: string;
}

/** Deputy workbench: draft a suggestion, and co-sign colleagues' drafts. */
export function DraftPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [picker, setPicker] = useState(0);
  const others = useApi<{ items: Cosignable[] }>('/api/suggestions/cosignable');
  const save = async (v: { title: string; body: string; category: string }) => {
    setError(null);
    try {
      const d = await api.post<{ id: string }>('/api/suggestions', v);
      form.resetFields();
      const chosen = files;
      setFiles([]);
      setPicker((n) => n + 1);
      try {
        if (chosen.length) await uploadAttachments(d.id, chosen);
        message.success('草稿已保存，可邀请其他代表联名后提交');
      } catch (e) {
        // The draft stands; the deputy retries the files in its drawer.
        message.error(`草稿已保存，但附件未上传：${errorText(e)}`);
      }
      setOpen(d.id);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const cosign = async (id: string) => {
    try {
      await api.post(`/api/suggestions/${id}/cosign`);
      message.success('已联名');
      others.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <Typography.Title level={3}>起草建议</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="title"
            label="标题"
            rules={[{ required: true, min: 4, message: '标题至少 4 个字' }]}
          >
            <Input maxLength={80} placeholder="关于……的建议" />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请填写类别' }]}>
            <Input maxLength={20} placeholder="如：城乡建设、教育、社会保障" />
          </Form.Item>
          <Form.Item
            name="body"
            label="内容（问题、原因分析、具体建议）"
            rules={[{ required: true, min: 20, message: '内容不少于 20 个字' }]}
          >
            <Input.TextArea rows={8} maxLength={10000} />
          </Form.Item>
          <Form.Item label="附件（照片、调研报告等，可在提交立案前补充）">
            <FilePicker key={picker} files={files} onChange={setFiles} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存草稿
          </Button>
        </Form>
      </Card>
      <Card title="可联名的建议">
        <List
          loading={others.loading}
          dataSource={others.data?.items ?? []}
          locale={{ emptyText: '暂无可联名的建议' }}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button key="c" onClick={() => cosign(s.id)}>
                  联名
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${s.title}（${s.deputyName ?? ''}领衔）`}
                description={s.body.slice(0, 120)}
              />
            </List.Item>
          )}
        />
      </Card>
      <SuggestionDrawer id={open} onClose={() => setOpen(null)} onChanged={others.reload} />
    </>
  );
}
