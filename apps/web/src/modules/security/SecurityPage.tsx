import { CheckCircleOutlined, SafetyOutlined } from '@ant-design/icons';
import { type Me, roleLabels } from '@lianxin/contracts';
import { Alert, Button, Card, Descriptions, Input, QRCode, Space, Tag, Typography } from 'antd';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../../api';
import { useMe, useSession } from '../console/session';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

const totpCodePattern = /^\d{6}$/;

/** `ABCDEFGHIJKL` → `ABCD EFGH IJKL`, easier to type into an authenticator app by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The issuer is percent-encoded Chinese (连心): show it readably, copy the exact URL. */
function readableUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

export function SecurityPage() {
  const me = useMe();
  return (
    <>
      <Typography.Title level={3}>账号安全</Typography.Title>
      <Card title="账号信息" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{me.username ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色与辖区" span={2}>
            <Space size={[4, 4]} wrap>
              {me.grants.map((grant) => (
                <Tag key={`${grant.role}-${grant.scopeCode}`} color="red" variant="outlined">
                  {roleLabels[grant.role] ?? grant.role} · {grant.scopeName}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TotpCard />
    </>
  );
}

function TotpCard() {
  const me = useMe();
  const { signedIn } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'setup' | 'enable' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [justEnabled, setJustEnabled] = useState(false);

  const startSetup = async () => {
    setBusy('setup');
    setError(null);
    try {
      setSetup(await api.post<TotpSetup>('/api/auth/totp/setup', {}));
      setCode('');
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(null);
    }
  };

  const enable = async (event: FormEvent) => {
    event.preventDefault();
    if (!totpCodePattern.test(code)) return setError('动态验证码为 6 位数字');
    setBusy('enable');
    setError(null);
    try {
      await api.post('/api/auth/totp/enable', { code });
      signedIn(await api.get<Me>('/api/auth/me'));
      setSetup(null);
      setCode('');
      setJustEnabled(true);
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(null);
    }
  };

  const status = me.totpEnabled ? (
    <Tag color="green" icon={<CheckCircleOutlined />}>
      已启用
    </Tag>
  ) : (
    <Tag>未启用</Tag>
  );

  return (
    <Card
      title={
        <Space>
          <SafetyOutlined />
          <span>动态口令（双因素认证）</span>
        </Space>
      }
      extra={status}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {me.totpEnabled ? (
        <Alert
          type="success"
          showIcon
          title={justEnabled ? '动态口令已启用' : '已启用动态口令'}
          description="登录时除密码外，还需输入身份验证器应用中显示的 6 位动态验证码。"
        />
      ) : setup ? (
        <SetupSteps setup={setup} code={code} onCode={setCode} busy={busy} onSubmit={enable} />
      ) : (
        <Space orientation="vertical" size={12}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            启用后，登录时除密码外还需输入身份验证器应用（如微信小程序“腾讯身份验证器”、Google
            Authenticator、Microsoft Authenticator）生成的 6 位动态验证码，可防止密码泄露后账号被盗用。
          </Typography.Paragraph>
          <Button type="primary" icon={<SafetyOutlined />} loading={busy === 'setup'} onClick={startSetup}>
            绑定动态口令
          </Button>
        </Space>
      )}
    </Card>
  );
}

function SetupSteps({
  setup,
  code,
  onCode,
  busy,
  onSubmit,
}: {
  setup: TotpSetup;
  code: string;
  onCode: (code: string) => void;
  busy: 'setup' | 'enable' | null;
  onSubmit: (event: FormEvent) => void;
}) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
      <QRCode value={setup.otpauthUrl} size={180} aria-label="动态口令二维码" />
      <div style={{ flex: '1 1 320px', minWidth: 0 }}>
        <Typography.Paragraph>
          1. 用身份验证器应用扫描左侧二维码；无法扫码时，手动添加账户并输入下面的密钥。
        </Typography.Paragraph>
        <Descriptions
          column={1}
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 72 } }}
        >
          <Descriptions.Item label="密钥">
            <Typography.Text
              code
              copyable={{ text: setup.secret, tooltips: ['复制密钥', '已复制'] }}
              data-testid="totp-secret"
              style={{ fontSize: 15, letterSpacing: 1 }}
            >
              {groupSecret(setup.secret)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="链接">
            <Typography.Text
              copyable={{ text: setup.otpauthUrl, tooltips: ['复制链接', '已复制'] }}
              style={{ wordBreak: 'break-all' }}
              type="secondary"
            >
              {readableUrl(setup.otpauthUrl)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph>2. 输入应用中显示的 6 位动态验证码，完成绑定。</Typography.Paragraph>
        <form onSubmit={onSubmit} noValidate style={{ display: 'flex', gap: 8, maxWidth: 360 }}>
          <Input
            aria-label="动态验证码"
            placeholder="6 位数字"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => onCode(e.target.value.replace(/\D/g, ''))}
          />
          <Button type="primary" htmlType="submit" loading={busy === 'enable'}>
            确认启用
          </Button>
        </form>
      </div>
    </div>
  );
}
