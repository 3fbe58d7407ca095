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
