import { describe, expect, it } from 'vitest';
import { otpVerify, phone } from './auth';
import { phonePattern, smsCodePattern } from './patterns';

const phoneSamples = [
  '13800138000',
  '19912345678',
  '12345678901',
  '1380013800',
  '138001380001',
  '23800138000',
  'abc',
];
const codeSamples = ['123456', '12345', '1234567', 'abcdef', '000000'];

describe('patterns agree with the zod schemas', () => {
  it.each(phoneSamples)('phone %s', (sample) => {
    expect(phonePattern.test(sample)).toBe(phone.safeParse(sample).success);
  });
  it.each(codeSamples)('sms code %s', (sample) => {
    expect(smsCodePattern.test(sample)).toBe(otpVerify.shape.code.safeParse(sample).success);
  });
});
