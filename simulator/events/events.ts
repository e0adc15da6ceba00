// Wires events together: every stored change (operator PATCH, control interface,
// autoplay: all go through service.onChange) is turned into events, matched
// against the ticket operator's subscriptions and queued for delivery.
// Deleting a subscription cancels its pending deliveries; a reset of the service
// removes every subscription and forgets the delivery log.
import { NO_FAULTS } from "../core/faults.ts";
import type { Change, TicketService } from "../core/tickets.ts";
import type { Model } from "../model/model.ts";
import { listenerName } from "../model/model.ts";
import { EVENT_FAULT } from "./bends.ts";
import type { AttemptRecord, DeliveryEngine, DeliveryOptions, PendingDelivery } from "./delivery.ts";
import { createDeliveryEngine } from "./delivery.ts";
import { generateEvents } from "./generate.ts";
import { ChangeHistory, type EventRecord } from "./history.ts";
import type { RegistryOptions, SubscriptionRegistry } from "./subscriptions.ts";
import { createSubscriptionRegistry } from "./subscriptions.ts";

export type EventsOptions = Omit<DeliveryOptions, "listenerName" | "successStatus"> &
  RegistryOptions & {
    newEventId?: () => string;
    /** Told, when the app closes, what could not be delivered within drainMs (the app also logs it). */
    onShutdown?: (report: { undelivered: PendingDelivery[] }) => void;
    /** Changes the timelines keep (default MAX_CHANGE_RECORDS). */
    maxChangeRecords?: number;
  };

export interface EventHub {
  readonly registry: SubscriptionRegistry;
  readonly engine: DeliveryEngine;
  /** Every change with the events it caused (the timelines); a reset empties it. */
  readonly history: ChangeHistory;
  /** Tells fn of every stored change once its events are queued, and of every delivery attempt; returns the unsubscribe. */
  watch(fn: (what: { change: Change } | { attempt: AttemptRecord }) => void): () => void;
  /** Stops listening to the service and drains the delivery queue (see DeliveryEngine.close). */
  close(): Promise<{ undelivered: PendingDelivery[] }>;
}

export function createEventHub(model: Model, service: TicketService, opts: EventsOptions = {}): EventHub {
  const {
    newId,
    now,
    newEventId,
    onShutdown: _onShutdown,
    maxSubscriptionsPerOperator,
    maxChangeRecords,
    ...delivery
  } = opts;
  const faults = opts.faults ?? NO_FAULTS;
  const registry = createSubscriptionRegistry(model, {
    ...(newId ? { newId } : {}),
    ...(now ? { now } : {}),
    ...(maxSubscriptionsPerOperator !== undefined ? { maxSubscriptionsPerOperator } : {}),
    faults,
  });
  const watchers = new Set<Parameters<EventHub["watch"]>[0]>();
  const tell = (what: Parameters<Parameters<EventHub["watch"]>[0]>[0]) => {
    for (const fn of [...watchers]) fn(what);
  };
  const engine = createDeliveryEngine({
    ...delivery,
    listenerName: (t) => listenerName(model, t),
    successStatus: model.events.successStatus,
    onAttempt(a) {
      delivery.onAttempt?.(a);
      tell({ attempt: a });
    },
  });
  const history = new ChangeHistory(maxChangeRecords);
  // Its undelivered events go with a deleted subscription (docs/rules.md §6), unless a fault keeps them.
  registry.onRemove((s) => {
    if (!faults.has(EVENT_FAULT.deliverAfterDelete)) engine.cancel(s.id);
  });
  const log = opts.log ?? (() => {});
  const idField = model.idField;

  const onChange = (change: Change) => {
    // Events are generated even without a subscription: the ticket's timeline (the console,
    // /__control/.../timeline) shows what each change caused.
    // A fault here must not fail the request that stored the change.
    try {
      const events = generateEvents(model, change, { ...(newEventId ? { newId: newEventId } : {}), faults });
      const ticketId = String(change.ticket[idField]);
      const records: EventRecord[] = [];
      for (const e of events) {
        const subs = registry.matching(change.operator, e);
        for (const s of subs) engine.enqueue(s, e, ticketId);
        records.push({ eventId: e.eventId, eventType: e.eventType, subscriptions: subs.map((s) => s.id) });
      }
      history.add(change, ticketId, model.lifecycle.reasonField, records);
    } catch (e) {
      log("event generation failed (a simulator bug)", e);
    }
    // A watcher (the console's live updates) must not fail the request either.
    try {
      tell({ change });
    } catch (e) {
      log("a change watcher failed (a simulator bug)", e);
    }
  };
  const stop = service.onChange(onChange);
  // POST /__control/reset starts the whole simulator over: subscriptions (their
  // queued events cancelled) and the delivery log go with the tickets (decision 0005).
  const stopReset = service.onReset(() => {
    registry.clear();
    engine.clearRecords();
    history.clear();
  });

  return {
    registry,
    engine,
    history,
    watch(fn) {
      const own: typeof fn = (w) => fn(w); // a distinct entry even when fn watches twice
      watchers.add(own);
      return () => void watchers.delete(own);
    },
    async close() {
      stop();
      stopReset();
      return engine.close();
    },
  };
}
