import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import type { AuditVerifyResult } from './audit.types';

type Outcome = { result: AuditVerifyResult } | { error: string };

/** Re-computes the audit hash chain on the server and shows whether any record was altered. */
export function AuditVerify() {
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const verify = async () => {
    setChecking(true);
    try {
      setOutcome({ result: await api.post<AuditVerifyResult>('/api/audit/verify') });
    } catch (error) {
      setOutcome({ error: errorText(error) });
    } finally {
      setChecking(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Button icon={<SafetyCertificateOutlined />} loading={checking} onClick={verify}>
        校验完整性
      </Button>
      {outcome && 'error' in outcome ? <Alert type="error" showIcon title={outcome.error} /> : null}
      {outcome && 'result' in outcome ? <VerifyResult result={outcome.result} /> : null}
    </Space>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert type="success" showIcon title={`审计日志完整，未发现篡改（共校验 ${result.checked} 条记录）`} />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title="审计日志完整性校验未通过"
      description={`共校验 ${result.checked} 条记录；首个异常记录序号：${result.firstBrokenSeq ?? '—'}；原因：${result.reason ?? '未知'}`}
    />
  );
}
