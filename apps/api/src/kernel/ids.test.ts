import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a version-7 RFC 9562 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps creation order within one millisecond and when the clock goes back', () => {
    const at = Date.parse('2026-11-23T08:00:00Z');
    const ids = [...Array.from({ length: 5000 }, () => uuidv7(at)), uuidv7(at - 10_000), uuidv7(at + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
