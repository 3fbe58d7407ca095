import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { useMe } from '../console/session';
import { type LinkedSuggestions, screenOf } from './SuggestionLinks';

interface FindingRef {
  id: string;
  body: string;
}

type OfFinding = LinkedSuggestions & { convertible: boolean };

/**
 * 调解转建议 on a finding of a mediation: the suggestions drawn from it (details of those this user
 * may see) and, for a deputy who mediates the case, 转为代表建议 with the form prefilled from it.
 */
export function SuggestionsOfFinding({ finding, caseTitle }: { finding: FindingRef; caseTitle: string }) {
  const me = useMe();
  const state = useApi<OfFinding>(`/api/suggestions/from-mediation/${finding.id}`);
  const [open, setOpen] = useState(false);
  const v = state.data;
  if (!v) return null;
  return (
    <section aria-label="转化的代表建议" style={{ marginTop: 8 }}>
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
        <Button type="primary" size="small" style={{ marginTop: 8 }} onClick={() => setOpen(true)}>
          转为代表建议
        </Button>
      ) : null}
      <ConvertModal
        open={open}
        finding={finding}
        caseTitle={caseTitle}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          state.reload();
        }}
      />
    </section>
  );
}

function ConvertModal(props: {
  open: boolean;
  finding: FindingRef;
  caseTitle: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { finding } = props;
  const send = async (v: { title: string; category: string; body: string }) => {
    setError(null);
    setSending(true);
    try {
      await api.post(`/api/suggestions/from-mediation/${finding.id}`, v);
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
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        title="建议针对调解中发现的共性问题，请勿写入当事人的姓名、电话等个人信息。"
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={send}
        initialValues={{
          // A case title (案由) has at most 60 characters: this stays within the 80 of a suggestion's.
          title: `关于${props.caseTitle}所反映问题的建议`.slice(0, 80),
          body: finding.body,
        }}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, message: '标题至少 4 个字' }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请填写类别' }]}>
          <Input maxLength={20} placeholder="如：城乡建设、教育、社会保障" />
        </Form.Item>
        <Form.Item
          name="body"
          label="内容（调解中发现的问题、原因分析、具体建议）"
          rules={[{ required: true, min: 20, message: '内容不少于 20 个字' }]}
        >
          <Input.TextArea rows={8} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
