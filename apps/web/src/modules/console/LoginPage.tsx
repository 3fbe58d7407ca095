import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { type LoginRequest, type Me, messageFor } from '@lianxin/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText } from '../../api';
import { useSession } from './session';

interface LoginState {
  from?: string;
  reason?: 'expired' | 'unauthenticated';
}

export function LoginPage() {
  const { me, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const [form] = Form.useForm<LoginRequest>();
  const [needTotp, setNeedTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(
    state.reason === 'expired' ? messageFor('auth.session_expired') : null,
  );

  if (me && me.kind === 'staff') return <Navigate to={state.from ?? '/console'} replace />;

  const submit = async (values: LoginRequest) => {
    setSubmitting(true);
    setError(null);
    try {
      const body: LoginRequest = { username: values.username.trim(), password: values.password };
      if (needTotp && values.totp) body.totp = values.totp;
      const next = await api.post<Me>('/api/auth/login', body, { quietAuth: true });
      signedIn(next);
      const target = state.from && state.from !== '/console/login' ? state.from : '/console';
      navigate(target, { replace: true });
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'auth.totp_required') {
        setNeedTotp(true);
        setError(null);
      } else {
        setError(errorText(cause));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f5f4f1',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#c8161d', marginBottom: 4 }}>
          连心 · 工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          人大工作人员登录
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        {needTotp ? (
          <Alert
            type="info"
            showIcon
            title="该账号已启用双因素认证，请输入动态验证码"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} />
          </Form.Item>
          {needTotp ? (
            <Form.Item
              name="totp"
              label="动态验证码"
              rules={[
                { required: true, message: '请输入动态验证码' },
                { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
              ]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoFocus
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
              />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
