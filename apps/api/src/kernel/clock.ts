/** Time is injected: production reads the system clock, tests move a TestClock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class TestClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-03-02T09:00:00+08:00') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(to: Date | string): void {
    this.t = new Date(to).getTime();
  }
  advance(ms: { minutes?: number; hours?: number; days?: number; seconds?: number }): void {
    this.t +=
      ((ms.days ?? 0) * 86400 + (ms.hours ?? 0) * 3600 + (ms.minutes ?? 0) * 60 + (ms.seconds ?? 0)) * 1000;
  }
}

/**
 * The system clock shifted by an offset that an operator may move forward — only when the server
 * runs with TEST_CLOCK=true (refused in production): browser tests and demos of deadlines
 * (督办 after 15 working days) need days to pass in seconds. Time keeps running after a shift.
 */
export class ShiftedClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  /** Moves the clock forward to `to` (never backwards: timers already fired cannot un-fire). */
  shiftTo(to: Date): void {
    const delta = to.getTime() - this.now().getTime();
    if (delta > 0) this.offset += delta;
  }
  /** Back to the system time (the end of a test or a demo). */
  reset(): void {
    this.offset = 0;
  }
}
