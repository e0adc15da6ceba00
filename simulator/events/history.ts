// The history of changes behind a ticket's timeline (the console, GET /__control/{resource}/{id}/timeline):
// every stored change, who made it, and the events it caused with the subscriptions each was
// queued for. Delivery attempts are the engine's own log, joined by event id. Bounded like the
// delivery log (docs/rules.md §8): the newest changes are kept, the older counted.
import { BoundedLog } from "../core/bounded-log.ts";
import { type Actor, type Change, type ChangeSummary, summarize } from "../core/tickets.ts";

/** Changes kept for the timelines (docs/rules.md §8; not a setting). */
export const MAX_CHANGE_RECORDS = 10_000;

export interface EventRecord {
  readonly eventId: string;
  readonly eventType: string;
  /** The subscriptions it was queued for (none: no listener asked for it). */
  readonly subscriptions: readonly string[];
}

export interface ChangeEntry extends ChangeSummary {
  /** Increases with every change since the start (a reset does not restart it). */
  readonly seq: number;
  readonly by: Actor;
  /** The lifecycle's reason on the ticket after a status change, when the profile has one. */
  readonly reason?: string;
  readonly events: readonly EventRecord[];
}

export class ChangeHistory {
  private readonly log: BoundedLog<ChangeEntry>;
  private seq = 0;

  constructor(max = MAX_CHANGE_RECORDS) {
    this.log = new BoundedLog(max);
  }

  add(change: Change, ticketId: string, reasonField: string | undefined, events: readonly EventRecord[]): void {
    const reason = reasonField === undefined ? undefined : change.ticket[reasonField];
    this.log.push({
      ...summarize(change, ticketId),
      seq: ++this.seq,
      by: change.by,
      ...(change.statusChanges.length > 0 && typeof reason === "string" ? { reason } : {}),
      events,
    });
  }

  /** The changes kept, oldest first; of one ticket when given. */
  changes(ticketId?: string): ChangeEntry[] {
    const all = this.log.items();
    return ticketId === undefined ? all : all.filter((c) => c.ticketId === ticketId);
  }

  get dropped(): number {
    return this.log.dropped;
  }

  clear(): void {
    this.log.clear();
  }
}
