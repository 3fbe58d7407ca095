import { describe, expect, it } from 'vitest';
import { Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { totpCode } from '../../kernel/crypto/totp';

const env = await startTestServer();
const { app, clock } = env;

describe('staff sign-in', () => {
  it('signs in with the right password and returns the grants', async () => {
    const c = new Client(app);
    const res = await c.login('district');
    const me = res.json();
    expect(me.grants).toEqual([{ role: 'congress_staff', scopeCode: '310112', scopeName: '闵行区' }]);
    expect(c.cookies.get('lx_sid')).toBeTruthy();
    const cookie = res.headers['set-cookie'] as string[];
    expect(cookie.find((x) => x.startsWith('lx_sid='))).toMatch(/HttpOnly/);
    expect(cookie.find((x) => x.startsWith('lx_sid='))).toMatch(/SameSite=Lax/);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const c = new Client(app);
    const a = await c.post('/api/auth/login', { username: 'nobody', password: 'x' });
    const b = await c.post('/api/auth/login', { username: 'qibao', password: 'wrong-password' });
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(errorCode(a)).toBe('auth.invalid_credentials');
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('locks the account after 5 failures for 15 minutes, even for the right password', async () => {
    const c = new Client(app);
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/auth/login', { username: 'gumei', password: 'Wrong-pass-1' });
      expect(errorCode(r)).toBe('auth.invalid_credentials');
    }
    const locked = await c.post('/api/auth/login', { username: 'gumei', password: 'Lianxin@2026' });
    expect(locked.statusCode).toBe(423);
    expect(errorCode(locked)).toBe('auth.locked');
    expect(locked.json().error.message).toMatch(/锁定/);
    clock.advance({ minutes: 14 });
    expect(errorCode(await c.post('/api/auth/login', { username: 'gumei', password: 'Lianxin@2026' }))).toBe(
      'auth.locked',
    );
    clock.advance({ minutes: 2 });
    expect(
      (await c.post('/api/auth/login', { username: 'gumei', password: 'Lianxin@2026' })).statusCode,
    ).toBe(200);
  });

  it('a security administrator can unlock a locked account', async () => {
    const c = new Client(app);
    for (let i = 0; i < 5; i++)
      await c.post('/api/auth/login', { username: 'pujin', password: 'Wrong-pass-1' });
    const admin = await signedIn(app, 'security');
    const list = (await admin.get('/api/accounts?q=pujin')).json();
    const pujin = list.items.find((a: { username: string }) => a.username === 'pujin');
    expect(pujin.locked).toBe(true);
    expect((await admin.post(`/api/accounts/${pujin.id}/unlock`)).statusCode).toBe(200);
    expect(
      (await c.post('/api/auth/login', { username: 'pujin', password: 'Lianxin@2026' })).statusCode,
    ).toBe(200);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const c = await signedIn(app, 'xinzhuang');
    clock.advance({ minutes: 29 });
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    clock.advance({ minutes: 29 });
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    clock.advance({ minutes: 31 });
    const expired = await c.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe('auth.session_expired');
    // Once expired it stays expired.
    expect(errorCode(await c.get('/api/auth/me'))).toBe('auth.unauthenticated');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await signedIn(app, 'district');
    const res = await c.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('auth.csrf');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('requires the TOTP code once the second factor is enabled', async () => {
    const c = await signedIn(app, 'meilong');
    const { secret } = (await c.post('/api/auth/totp/setup')).json();
    expect(errorCode(await c.post('/api/auth/totp/enable', { code: '000000' }))).toBe('auth.totp_invalid');
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(secret, clock.now()) })).statusCode).toBe(
      200,
    );
    clock.advance({ seconds: 30 }); // the enabling code has been used: sign-in needs the next one
    const fresh = new Client(app);
    expect(
      errorCode(await fresh.post('/api/auth/login', { username: 'meilong', password: 'Lianxin@2026' })),
    ).toBe('auth.totp_required');
    const ok = await fresh.post('/api/auth/login', {
      username: 'meilong',
      password: 'Lianxin@2026',
      totp: totpCode(secret, clock.now()),
    });
    expect(ok.statusCode).toBe(200);
    // The same code cannot be replayed within its validity window …
    const replay = await new Client(app).post('/api/auth/login', {
      username: 'meilong',
      password: 'Lianxin@2026',
      totp: totpCode(secret, clock.now()),
    });
    expect(errorCode(replay)).toBe('auth.totp_invalid');
    // … and a signed-in session cannot quietly replace (and so switch off) the second factor.
    const setupAgain = await fresh.post('/api/auth/totp/setup');
    expect(setupAgain.statusCode).toBe(409);
    expect(errorCode(setupAgain)).toBe('auth.totp_already_enabled');
    clock.advance({ seconds: 30 });
    const next = await new Client(app).post('/api/auth/login', {
      username: 'meilong',
      password: 'Lianxin@2026',
      totp: totpCode(secret, clock.now()),
    });
    expect(next.statusCode).toBe(200);
  });

  it('refuses a weak password for a new account and separates the three administrators', async () => {
    const admin = await signedIn(app, 'admin');
    const weak = await admin.post('/api/accounts', {
      username: 'newstaff',
      displayName: '新同事',
      password: 'password',
      role: 'congress_staff',
      scopeCode: '310112102',
    });
    expect(errorCode(weak)).toBe('auth.weak_password');
    const auditor = await admin.post('/api/accounts', {
      username: 'aud2',
      displayName: '审计',
      password: 'Strong#Pass2026',
      role: 'auditadmin',
      scopeCode: '310112',
    });
    expect(auditor.statusCode).toBe(403);
    const ok = await admin.post('/api/accounts', {
      username: 'newstaff',
      displayName: '新同事',
      password: 'Strong#Pass2026',
      role: 'congress_staff',
      scopeCode: '310112102',
    });
    expect(ok.statusCode).toBe(201);
    expect(
      errorCode(
        await admin.post('/api/accounts', {
          username: 'newstaff',
          displayName: '新同事',
          password: 'Strong#Pass2026',
          role: 'congress_staff',
          scopeCode: '310112102',
        }),
      ),
    ).toBe('accounts.username_taken');
    // The system administrator cannot read the audit log (三员分立).
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
  });
});

describe('citizen sign-in by SMS code', () => {
  async function lastCode(): Promise<string> {
    await env.server.runner.drain();
    const staff = await signedIn(app, 'district');
    const sms = (await staff.get('/api/notifications/sms-outbox')).json();
    return /验证码为 (\d{6})/.exec(sms.items[0].body)![1]!;
  }

  it('creates the citizen on first sign-in and masks the phone', async () => {
    const c = new Client(app, '10.0.0.9');
    expect((await c.post('/api/auth/otp/request', { phone: '13812341234' })).statusCode).toBe(200);
    const code = await lastCode();
    expect(
      errorCode(
        await c.post('/api/auth/otp/verify', {
          phone: '13812341234',
          code: code === '000000' ? '111111' : '000000',
        }),
      ),
    ).toBe('auth.otp_invalid');
    const ok = await c.post('/api/auth/otp/verify', { phone: '13812341234', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'citizen', phoneMasked: '138****1234', grants: [] });
    // A used code cannot be used again.
    expect(
      errorCode(await new Client(app).post('/api/auth/otp/verify', { phone: '13812341234', code })),
    ).toBe('auth.otp_invalid');
    // Citizens cannot reach staff endpoints.
    expect((await c.get('/api/jurisdictions/roots')).statusCode).toBe(403);
  });

  it('rate-limits codes per number', async () => {
    const c = new Client(app, '10.0.0.10');
    expect((await c.post('/api/auth/otp/request', { phone: '13900001111' })).statusCode).toBe(200);
    const again = await c.post('/api/auth/otp/request', { phone: '13900001111' });
    expect(again.statusCode).toBe(429);
    expect(errorCode(again)).toBe('auth.otp_rate_limited');
    clock.advance({ seconds: 61 });
    expect((await c.post('/api/auth/otp/request', { phone: '13900001111' })).statusCode).toBe(200);
  });

  it('rejects a malformed phone number with a Chinese message', async () => {
    const res = await new Client(app).post('/api/auth/otp/request', { phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toBe('请输入正确的 11 位手机号码');
  });
});
