import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { grantScopes } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import { JurisdictionTreeSelect, type ScopeOption } from '../jurisdictions/JurisdictionTreeSelect';
import type { OpinionDetail } from './opinions.types';

const STAFF = ['congress_staff', 'station_staff'] as const;

/**
 * 改正位置 in the console drawer: station and congress staff move a case to the street, community or
 * grid it really belongs to, with a reason (kept in the case's history and the audit log).
 */
export function RelocateControl({ d, onDone }: { d: OpinionDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [where, setWhere] = useState<ScopeOption | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!hasAnyRole(me, STAFF) || d.state === 'merged') return null;

  const submit = async () => {
    if (!where) return setError('请选择正确的街镇、社区或网格');
    if (reason.trim().length < 2) return setError('请填写改正理由（至少 2 个字）');
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/opinions/${d.id}/relocate`, { areaCode: where.code, reason: reason.trim() });
      message.success(`已改正为 ${where.name}`);
      setOpen(false);
      setWhere(null);
      setReason('');
      onDone();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        改正位置
      </Button>
      <Modal
        open={open}
        title="改正位置"
        okText="确认改正"
        cancelText="取消"
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <p>当前：{[d.township, d.community, d.grid].filter(Boolean).join(' · ') || '区级（未定位到街镇）'}</p>
        <Form layout="vertical">
          <Form.Item label="正确的街镇/社区/网格" required>
            <JurisdictionTreeSelect
              roots={grantScopes(me)}
              value={where}
              onChange={setWhere}
              onError={setError}
              style={{ width: '100%' }}
              ariaLabel="正确的街镇/社区/网格"
            />
          </Form.Item>
          <Form.Item label="改正理由" required extra="记入办理过程和审计日志，例如“电话核实，问题位于七宝镇”">
            <Input.TextArea
              aria-label="改正理由"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
