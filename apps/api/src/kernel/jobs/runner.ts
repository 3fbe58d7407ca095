import type { AppContext } from '../context';
import { deliverDueNotifications } from '../notifications/notify';
import { fireDueTimers } from '../workflow/engine';
import { dispatchOutbox } from './outbox';

/**
 * Polls the database for work: due timers, pending events, pending notifications. Several runners
 * (in one or several server processes) can run against one PostgreSQL: each claim uses
 * FOR UPDATE SKIP LOCKED. Polling, not in-memory timers, so nothing is lost on restart.
 */
export class JobRunner {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly ctx: AppContext,
    private readonly intervalMs = 1_000,
    /** Modules' own pollers (e.g. filing queued submissions a stopped process left behind). */
    private readonly sources: ReadonlyArray<(ctx: AppContext) => Promise<number>> = [],
  ) {}

  /** One pass over every kind of work; returns how many items were handled. */
  async runOnce(): Promise<number> {
    let handled = 0;
    handled += await fireDueTimers(this.ctx);
    // Timers emit events and events queue notifications: drain in order within one pass.
    handled += await dispatchOutbox(this.ctx);
    handled += await deliverDueNotifications(this.ctx);
    for (const source of this.sources) handled += await source(this.ctx);
    return handled;
  }

  /** Runs passes until nothing is left (tests). */
  async drain(maxPasses = 20): Promise<void> {
    for (let i = 0; i < maxPasses; i++) if ((await this.runOnce()) === 0) return;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          const n = await this.runOnce();
          if (n > 0) continue;
        } catch (err) {
          this.ctx.log.error({ err: String(err) }, 'job runner pass failed');
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.intervalMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
