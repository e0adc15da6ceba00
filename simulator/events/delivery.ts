// The delivery engine (docs/rules.md §6): POSTs each event to its subscription's
// `{callback}/listener/{eventName}` with undici over a pooled Agent. At least
// once, retried with exponential backoff and jitter within a budget of attempts
// and age; the events of one ticket reach one subscription in the order they
// happened (one lane per subscription x ticket, each delivering its head first).
// Every attempt is recorded for GET /__control/deliveries.

import type { Dispatcher } from "undici";
import { Agent, request } from "undici";
import { BoundedLog } from "../core/bounded-log.ts";
import type { ActiveFaults } from "../core/faults.ts";
import { basicHeader, type Credentials } from "../model/credentials.ts";
import { Backlog } from "./backlog.ts";
import { EVENT_FAULT, giveUpReason, reorderLane, wireBody } from "./bends.ts";
import type { TicketEvent } from "./generate.ts";

export interface DeliveryTarget {
  readonly id: string;
  /** Events go to `${target}/listener/${name}`. */
  readonly target: string;
  readonly credentials?: Credentials;
}

export interface DeliveryOptions {
  /** Deliberate misbehaviour (events/faults.ts). */
  faults?: ActiveFaults;
  /** The path segment of an event type (listenerName of the model). */
  listenerName: (eventType: string) => string;
  /** "2xx" (any 2xx is delivered) or "200" (only 200), from model.events.successStatus. */
  successStatus?: "2xx" | "200";
  /** Attempts per event, the first included (default 10). */
  maxAttempts?: number;
  /** No retry starts later than this after the event's first attempt (default 15 min). */
  maxAgeMs?: number;
  /** Per attempt: connect, headers and body must complete within it (default 5 s). */
  timeoutMs?: number;
  /** Backoff before retry n is min(maxBackoff, base * 2^(n-1)), then jittered (defaults 500 ms, 60 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Fraction of the backoff randomised either way, 0..1 (default 0.5). */
  jitter?: number;
  /** On close, how long to wait for queued events before giving up on them (default 5 s). */
  drainMs?: number;
  /** Attempt records kept (default 10 000); older ones are dropped and counted (docs/rules.md §8). */
  maxRecords?: number;
  /** Events waiting per subscription (default 10 000); past it an event is given up at once, and recorded. */
  maxPending?: number;
  /** A dispatcher to use instead of the engine's own pooled Agent (not closed by the engine). */
  dispatcher?: Dispatcher;
  now?: () => number;
  random?: () => number;
  /** Told about what close() could not deliver, and about unexpected faults. */
  log?: (message: string, detail?: unknown) => void;
  /** Told of every attempt as it is recorded (a watcher keeps its own log: a reset clears the engine's). */
  onAttempt?: (record: AttemptRecord) => void;
}

export type Outcome = "delivered" | "retrying" | "gaveUp" | "cancelled";

export interface AttemptRecord {
  at: string;
  eventId: string;
  eventType: string;
  ticketId: string;
  subscriptionId: string;
  attempt: number;
  url: string;
  statusCode?: number;
  error?: string;
  /** Start of the listener's answer, for a failed attempt (up to 500 characters). */
  response?: string;
  latencyMs: number;
  outcome: Outcome;
  /** Why no further attempt follows (gaveUp, cancelled). */
  reason?: string;
  nextAttemptAt?: string;
}

export interface PendingDelivery {
  eventId: string;
  eventType: string;
  ticketId: string;
  subscriptionId: string;
  attempts: number;
  enqueuedAt: string;
}

export interface DeliveryEngine {
  /** Queues one event for one subscription; false once the engine is closing or the subscription's queue is full. */
  enqueue(sub: DeliveryTarget, event: TicketEvent, ticketId: string): boolean;
  /** Drops a subscription's queued events and aborts its attempt in flight. */
  cancel(subscriptionId: string): void;
  /**
   * Gives up one queued event of one subscription (its attempt in flight aborted), recorded as
   * cancelled with the reason; the ticket's later events go on. False when it is not queued.
   */
  cancelEvent(subscriptionId: string, eventId: string, reason: string): boolean;
  /** Forgets the attempt records (queued events are the subscriptions', see cancel). */
  clearRecords(): void;
  /** The attempt records kept, oldest first. */
  attempts(): readonly AttemptRecord[];
  /** Attempt records dropped to keep maxRecords, since the start or the last clearRecords. */
  droppedRecords(): number;
  pending(): PendingDelivery[];
  /** Resolves when nothing is queued (for tests and drains). */
  idle(): Promise<void>;
  /** Drains for at most drainMs, then abandons the rest and closes the HTTP pool. */
  close(): Promise<{ undelivered: PendingDelivery[] }>;
}

interface Item {
  readonly sub: DeliveryTarget;
  readonly event: TicketEvent;
  readonly ticketId: string;
  readonly enqueuedAt: number;
  firstAttemptAt?: number;
  attempts: number;
  /** Why it was cancelled (cancelEvent): the lane records it and moves on. */
  cancelled?: string;
}

interface Lane {
  readonly key: string;
  readonly subscriptionId: string;
  items: Item[];
  running: boolean;
  cancelled: boolean;
  abort?: AbortController;
  wake?: () => void;
  timer?: NodeJS.Timeout;
}

// Answers that say "try again later"; any other non-success is the listener's final word (chosen).
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/** The budget and pacing of delivery when the options leave them out (docs/rules.md §6 states them). */
export const DELIVERY_DEFAULTS = {
  maxAttempts: 10,
  maxAgeMs: 15 * 60_000,
  timeoutMs: 5_000,
  backoffBaseMs: 500,
  backoffMaxMs: 60_000,
  jitter: 0.5,
  drainMs: 5_000,
  maxRecords: 10_000,
  maxPending: 10_000,
} as const;

/** The settings that raise the delivery limits (simulator/cli/simulate-settings.ts; a test holds them in step). */
export const DELIVERY_LIMIT_FLAGS = {
  maxRecords: "--max-delivery-records",
  maxPending: "--max-pending-deliveries",
} as const;

export function createDeliveryEngine(options: DeliveryOptions): DeliveryEngine {
  const d = DELIVERY_DEFAULTS;
  const o = {
    successStatus: options.successStatus ?? "2xx",
    maxAttempts: options.maxAttempts ?? d.maxAttempts,
    maxAgeMs: options.maxAgeMs ?? d.maxAgeMs,
    timeoutMs: options.timeoutMs ?? d.timeoutMs,
    backoffBaseMs: options.backoffBaseMs ?? d.backoffBaseMs,
    backoffMaxMs: options.backoffMaxMs ?? d.backoffMaxMs,
    jitter: Math.min(1, Math.max(0, options.jitter ?? d.jitter)),
    drainMs: options.drainMs ?? d.drainMs,
    maxRecords: options.maxRecords ?? d.maxRecords,
    maxPending: options.maxPending ?? d.maxPending,
  };
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const ownAgent = options.dispatcher ? undefined : new Agent({ connections: 16, keepAliveTimeout: 4_000 });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);
  const lanes = new Map<string, Lane>();
  const records = new BoundedLog<AttemptRecord>(o.maxRecords);
  const backlog = new Backlog(o.maxPending);
  /** The lane's head is done with (delivered or given up). */
  const settle = (lane: Lane) => {
    lane.items.shift();
    backlog.add(lane.subscriptionId, -1);
  };
  let accepting = true;
  let idleWaiters: Array<() => void> = [];

  // One event goes to every matching subscription, and again on each retry: it is serialized
  // once. A fault that bends the body makes a new object each time, which misses the cache.
  const bodies = new WeakMap<object, string>();
  const bodyOf = (event: TicketEvent): string => {
    const wire = wireBody(event, options.faults);
    let text = bodies.get(wire);
    if (text === undefined) {
      text = JSON.stringify(wire);
      bodies.set(wire, text);
    }
    return text;
  };

  const delivered = (status: number) => (o.successStatus === "200" ? status === 200 : status >= 200 && status < 300);

  const backoff = (attempt: number): number => {
    const base = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (attempt - 1));
    return Math.max(0, Math.round(base * (1 + o.jitter * (2 * random() - 1))));
  };

  const record = (r: AttemptRecord) => {
    try {
      options.onAttempt?.(r);
    } catch (e) {
      log("an attempt watcher failed (a simulator bug)", e);
    }
    records.push(r);
  };

  const checkIdle = () => {
    if (lanes.size > 0) return;
    const ws = idleWaiters;
    idleWaiters = [];
    for (const w of ws) w();
  };

  const send = async (
    lane: Lane,
    item: Item,
  ): Promise<{ status?: number; error?: string; response?: string; latencyMs: number }> => {
    const url = `${item.sub.target}/listener/${options.listenerName(item.event.eventType)}`;
    const headers: Record<string, string> = { "content-type": "application/json" };
    const c = item.sub.credentials;
    if (c) headers.authorization = basicHeader(c);
    const abort = new AbortController();
    lane.abort = abort;
    const timer = setTimeout(() => abort.abort(new Error(`timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
    const started = performance.now();
    try {
      const res = await request(url, {
        method: "POST",
        headers,
        body: bodyOf(item.event),
        dispatcher,
        signal: abort.signal,
      });
      let response: string | undefined;
      if (delivered(res.statusCode)) await res.body.dump();
      else response = (await res.body.text()).slice(0, 500);
      const out = { status: res.statusCode, latencyMs: Math.round(performance.now() - started) };
      return response ? { ...out, response } : out;
    } catch (e) {
      const reason = abort.signal.aborted ? abort.signal.reason : e;
      return { error: describeError(reason), latencyMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
      delete lane.abort;
    }
  };

  const wait = (lane: Lane, ms: number) =>
    new Promise<void>((resolve) => {
      lane.wake = resolve;
      lane.timer = setTimeout(resolve, ms);
    }).finally(() => {
      clearTimeout(lane.timer);
      delete lane.timer;
      delete lane.wake;
    });

  const run = async (lane: Lane) => {
    lane.running = true;
    try {
      while (!lane.cancelled && lane.items.length > 0) {
        if (options.faults?.has(EVENT_FAULT.reorder)) await reorderLane(lane.items);
        const item = lane.items[0] as Item;
        if (item.cancelled !== undefined) {
          record(cancelledRecord(item, item.cancelled));
          settle(lane);
          continue;
        }
        const started = now();
        // The budget runs from the first attempt: an event queued behind its
        // ticket's earlier ones cannot have been tried before.
        item.firstAttemptAt ??= started;
        item.attempts++;
        const res = await send(lane, item);
        const base: AttemptRecord = {
          at: new Date(started).toISOString(),
          eventId: item.event.eventId,
          eventType: item.event.eventType,
          ticketId: item.ticketId,
          subscriptionId: item.sub.id,
          attempt: item.attempts,
          url: `${item.sub.target}/listener/${options.listenerName(item.event.eventType)}`,
          ...(res.status !== undefined ? { statusCode: res.status } : {}),
          ...(res.error !== undefined ? { error: res.error } : {}),
          ...(res.response !== undefined ? { response: res.response } : {}),
          latencyMs: res.latencyMs,
          outcome: "retrying",
        };
        if (lane.cancelled) {
          record({ ...base, outcome: "cancelled", reason: "the subscription was deleted or the engine closed" });
          break;
        }
        if (res.status !== undefined && delivered(res.status)) {
          record({ ...base, outcome: "delivered" });
          settle(lane);
          continue;
        }
        // Cancelled while in flight, and not delivered after all.
        if (item.cancelled !== undefined) {
          record({ ...base, outcome: "cancelled", reason: item.cancelled });
          settle(lane);
          continue;
        }
        const delay = backoff(item.attempts);
        const permanent = res.status !== undefined && res.status < 500 && !RETRYABLE_STATUSES.has(res.status);
        const honest = permanent
          ? `the listener answered ${res.status}, which a retry cannot change`
          : item.attempts >= o.maxAttempts
            ? `no attempts left (${o.maxAttempts})`
            : now() + delay - item.firstAttemptAt > o.maxAgeMs
              ? `the next attempt would be past the maximum age (${o.maxAgeMs} ms)`
              : undefined;
        const giveUp = giveUpReason(honest, options.faults);
        if (giveUp !== undefined) {
          record({ ...base, outcome: "gaveUp", reason: giveUp });
          settle(lane);
          continue;
        }
        record({ ...base, nextAttemptAt: new Date(now() + delay).toISOString() });
        await wait(lane, delay);
      }
    } catch (e) {
      log("event delivery lane failed (a simulator bug)", e);
    } finally {
      lane.running = false;
      if (lanes.get(lane.key) === lane) lanes.delete(lane.key);
      checkIdle();
    }
  };

  const pendingOf = (lane: Lane): PendingDelivery[] =>
    lane.items.map((i) => ({
      eventId: i.event.eventId,
      eventType: i.event.eventType,
      ticketId: i.ticketId,
      subscriptionId: i.sub.id,
      attempts: i.attempts,
      enqueuedAt: new Date(i.enqueuedAt).toISOString(),
    }));

  /** The record of an event that leaves without a new attempt: refused by a full queue, or cancelled. */
  const unsent = (
    sub: DeliveryTarget,
    event: TicketEvent,
    ticketId: string,
    attempt: number,
    outcome: "gaveUp" | "cancelled",
    reason: string,
  ): AttemptRecord => ({
    at: new Date(now()).toISOString(),
    eventId: event.eventId,
    eventType: event.eventType,
    ticketId,
    subscriptionId: sub.id,
    attempt,
    url: `${sub.target}/listener/${options.listenerName(event.eventType)}`,
    latencyMs: 0,
    outcome,
    reason,
  });
  const cancelledRecord = (item: Item, reason: string) =>
    unsent(item.sub, item.event, item.ticketId, item.attempts, "cancelled", reason);

  const cancelLane = (lane: Lane) => {
    lane.cancelled = true;
    backlog.add(lane.subscriptionId, -lane.items.length);
    lane.items = [];
    lane.abort?.abort(new Error("cancelled"));
    lane.wake?.();
    lanes.delete(lane.key);
  };

  // A full queue gives the new event up at once, in the log like any other: the listener's
  // backlog stays bounded and whoever reads the log sees what was not sent.
  const refuse = (sub: DeliveryTarget, event: TicketEvent, ticketId: string) =>
    record(
      unsent(
        sub,
        event,
        ticketId,
        0,
        "gaveUp",
        `not queued: the subscription already has ${o.maxPending} events waiting (${DELIVERY_LIMIT_FLAGS.maxPending})`,
      ),
    );

  return {
    enqueue(sub, event, ticketId) {
      if (!accepting) return false;
      if (backlog.full(sub.id)) {
        refuse(sub, event, ticketId);
        return false;
      }
      const key = `${sub.id}\u0000${ticketId}`;
      let lane = lanes.get(key);
      if (!lane) {
        lane = { key, subscriptionId: sub.id, items: [], running: false, cancelled: false };
        lanes.set(key, lane);
      }
      lane.items.push({ sub, event, ticketId, enqueuedAt: now(), attempts: 0 });
      backlog.add(sub.id, 1);
      if (!lane.running) void run(lane);
      return true;
    },
    cancel(subscriptionId) {
      for (const lane of [...lanes.values()]) if (lane.subscriptionId === subscriptionId) cancelLane(lane);
      checkIdle();
    },
    cancelEvent(subscriptionId, eventId, reason) {
      for (const lane of lanes.values()) {
        if (lane.subscriptionId !== subscriptionId || lane.cancelled) continue;
        const i = lane.items.findIndex((x) => x.event.eventId === eventId && x.cancelled === undefined);
        if (i < 0) continue;
        const item = lane.items[i] as Item;
        if (i > 0) {
          // Not yet tried: it leaves the queue at once.
          lane.items.splice(i, 1);
          backlog.add(subscriptionId, -1);
          record(cancelledRecord(item, reason));
          return true;
        }
        // The head: its lane records it, after aborting the attempt in flight or the wait for the next.
        item.cancelled = reason;
        lane.abort?.abort(new Error("cancelled"));
        lane.wake?.();
        return true;
      }
      return false;
    },
    clearRecords: () => records.clear(),
    attempts: () => records.items(),
    droppedRecords: () => records.dropped,
    pending: () => [...lanes.values()].flatMap(pendingOf),
    idle: () => (lanes.size === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    async close() {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((r) => (lanes.size === 0 ? r() : idleWaiters.push(r))),
        new Promise<void>((r) => (timer = setTimeout(r, o.drainMs))),
      ]);
      clearTimeout(timer);
      const undelivered = [...lanes.values()].flatMap(pendingOf);
      for (const lane of [...lanes.values()]) cancelLane(lane);
      checkIdle();
      if (undelivered.length > 0)
        log(`shutdown: ${undelivered.length} event(s) could not be delivered within ${o.drainMs} ms`, undelivered);
      await ownAgent?.destroy();
      return { undelivered };
    },
  };
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    const parts = [
      typeof code === "string" ? code : undefined,
      e.message,
      typeof cause?.code === "string" ? cause.code : undefined,
    ];
    return parts.filter((p): p is string => p !== undefined && p !== "").join(": ");
  }
  return String(e);
}
