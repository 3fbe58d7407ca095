import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { useMe } from '../console/session';
import { type LinkedSuggestions, screenOf } from './SuggestionLinks';

type Drawn = LinkedSuggestions & { convertible: boolean };

interface Props {
  /** The source's endpoint: GET lists its suggestions, POST converts (`/api/suggestions/from-…/:id`). */
  url: string | null;
  /** The form's prefill from the source. */
  initial: { title: string; body: string };
  /** What the body should hold, e.g. 视察发现的问题. */
  bodyLabel: string;
  /** A reminder shown above the form, if any. */
  notice?: string;
  compact?: boolean;
}

/**
 * A suggestion's source (an activity, a mediation finding…): the suggestions drawn from it (details
 * of those this user may see, a count of the others) and, while the server says this user may,
 * 转为代表建议 with a form prefilled from the source.
 */
export function DrawnSuggestions({ url, initial, bodyLabel, notice, compact }: Props) {
  const me = useMe();
  const state = useApi<Drawn>(url);
  const [open, setOpen] = useState(false);
  const v = state.data;
  if (!url || !v) return null;
  return (
    <section aria-label="转化的代表建议" style={{ marginTop: compact ? 8 : 16 }}>
      {v.items.length || v.hidden ? (
        <Alert
          type="info"
          title="已转为代表建议"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {v.items.map((s) => (
                <li key={s.id}>
                  <Link to={`/console/${screenOf(me, 'suggestion')}?open=${s.id}`}>
                    {s.registerNo ?? s.trackingNo} {s.title}
                  </Link>
                  （{s.stateLabel}）
                </li>
              ))}
              {v.hidden ? <li>另有 {v.hidden} 件代表建议由此转化（无权查看详情）</li> : null}
            </ul>
          }
        />
      ) : null}
      {v.convertible ? (
        <Button
          type="primary"
          size={compact ? 'small' : undefined}
          style={{ marginTop: 8 }}
          onClick={() => setOpen(true)}
        >
          转为代表建议
        </Button>
      ) : null}
      <ConvertModal
        open={open}
        url={url}
        initial={initial}
        bodyLabel={bodyLabel}
        notice={notice}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          state.reload();
        }}
      />
    </section>
  );
}

function ConvertModal(
  props: Omit<Props, 'url' | 'compact'> & {
    url: string;
    open: boolean;
    onClose: () => void;
    onDone: () => void;
  },
) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (v: { title: string; category: string; body: string }) => {
    setError(null);
    setSending(true);
    try {
      await api.post(props.url, v);
      message.success('已转为代表建议草稿，可在“我的建议”中邀请联名后提交');
      form.resetFields();
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title="转为代表建议"
      okText="保存草稿"
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {props.notice ? <Alert type="info" style={{ marginBottom: 12 }} title={props.notice} /> : null}
      <Form form={form} layout="vertical" onFinish={send} initialValues={props.initial}>
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, message: '标题至少 4 个字' }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请填写类别' }]}>
          <Input maxLength={20} placeholder="如：城乡建设、教育、社会保障" />
        </Form.Item>
        <Form.Item
          name="body"
          label={`内容（${props.bodyLabel}、原因分析、具体建议）`}
          rules={[{ required: true, min: 20, message: '内容不少于 20 个字' }]}
        >
          <Input.TextArea rows={8} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
