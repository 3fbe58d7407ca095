/**
 * Plain regular expressions behind the zod schemas, for clients that must stay small (the citizen
 * portal does not ship zod). Keep in step with `phone` and `otpVerify` in auth.ts;
 * patterns.test.ts checks that they agree.
 */
export const phonePattern = /^1[3-9]\d{9}$/;
export const phonePatternMessage = '请输入正确的 11 位手机号码';

export const smsCodePattern = /^\d{6}$/;
export const smsCodePatternMessage = '验证码为 6 位数字';
