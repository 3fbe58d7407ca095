import { describe, expect, it } from 'vitest';
import { ShiftedClock } from './clock';
import { ConfigError, loadConfig } from './config';

describe('the test clock (TEST_CLOCK=true)', () => {
  it('moves forward only, keeps running, and resets to the system time', () => {
    const c = new ShiftedClock();
    const real = Date.now();
    expect(Math.abs(c.now().getTime() - real)).toBeLessThan(1000);
    c.shiftTo(new Date(real + 20 * 86_400_000));
    expect(c.now().getTime() - real).toBeGreaterThanOrEqual(20 * 86_400_000 - 1000);
    const ahead = c.now().getTime();
    c.shiftTo(new Date(real)); // backwards: ignored
    expect(c.now().getTime()).toBeGreaterThanOrEqual(ahead);
    c.reset();
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('is refused in production', () => {
    const prod = {
      NODE_ENV: 'production',
      PII_KEYS: `k1:${'a'.repeat(64)}`,
      PII_INDEX_KEY: 'b'.repeat(64),
      TEST_CLOCK: 'true',
    };
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(loadConfig({ ...prod, TEST_CLOCK: 'false' }).TEST_CLOCK).toBe(false);
    expect(loadConfig({ TEST_CLOCK: 'true' }).TEST_CLOCK).toBe(true);
  });
});
