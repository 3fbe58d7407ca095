import type { AppContext } from './context';
import type { Tx } from './db/client';
import { outbox } from './db/kernel.schema';
import { uuidv7 } from './ids';

export interface DomainEvent {
  id: string;
  regionCode: string;
  topic: string;
  aggregateType: string | null;
  aggregateId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * A subscriber runs in the transaction that marks the outbox row done, so its writes commit
 * together with the acknowledgement. Delivery is at-least-once (a failing subscriber makes the
 * row retry for every subscriber), so subscribers must be idempotent (use dedupe keys).
 */
export type Subscriber = (event: DomainEvent, tx: Tx, ctx: AppContext) => Promise<void>;

export class EventBus {
  private readonly subs = new Map<string, Array<{ name: string; fn: Subscriber }>>();

  /** `topic` is exact ('opinions.assigned') or a prefix wildcard ('opinions.*') or '*'. */
  subscribe(topic: string, name: string, fn: Subscriber): void {
    const list = this.subs.get(topic) ?? [];
    list.push({ name, fn });
    this.subs.set(topic, list);
  }

  subscribersFor(topic: string): Array<{ name: string; fn: Subscriber }> {
    const prefix = topic.includes('.') ? `${topic.slice(0, topic.indexOf('.'))}.*` : undefined;
    return [
      ...(this.subs.get(topic) ?? []),
      ...(prefix ? (this.subs.get(prefix) ?? []) : []),
      ...(this.subs.get('*') ?? []),
    ];
  }
}

/** Writes an event to the outbox inside the caller's transaction (never published directly). */
export async function emit(
  tx: Tx,
  at: Date,
  e: {
    regionCode: string;
    topic: string;
    aggregateType?: string;
    aggregateId?: string;
    payload?: Record<string, unknown>;
  },
): Promise<string> {
  const id = uuidv7(at.getTime());
  await tx.insert(outbox).values({
    regionCode: e.regionCode,
    id,
    topic: e.topic,
    aggregateType: e.aggregateType ?? null,
    aggregateId: e.aggregateId ?? null,
    payload: e.payload ?? {},
    availableAt: at,
    createdAt: at,
  });
  return id;
}
