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
import type { DeliveryEngine, DeliveryOptions, PendingDelivery } from "./delivery.ts";
import { createDeliveryEngine } from "./delivery.ts";
import { generateEvents } from "./generate.ts";
import type { RegistryOptions, SubscriptionRegistry } from "./subscriptions.ts";
import { createSubscriptionRegistry } from "./subscriptions.ts";

export type EventsOptions = Omit<DeliveryOptions, "listenerName" | "successStatus"> &
  RegistryOptions & {
    newEventId?: () => string;
    /** Told, when the app closes, what could not be delivered within drainMs (the app also logs it). */
    onShutdown?: (report: { undelivered: PendingDelivery[] }) => void;
  };

export interface EventHub {
  readonly registry: SubscriptionRegistry;
  readonly engine: DeliveryEngine;
  /** Stops listening to the service and drains the delivery queue (see DeliveryEngine.close). */
  close(): Promise<{ undelivered: PendingDelivery[] }>;
}

export function createEventHub(model: Model, service: TicketService, opts: EventsOptions = {}): EventHub {
  const { newId, now, newEventId, onShutdown: _onShutdown, maxSubscriptionsPerOperator, ...delivery } = opts;
  const faults = opts.faults ?? NO_FAULTS;
  const registry = createSubscriptionRegistry(model, {
    ...(newId ? { newId } : {}),
    ...(now ? { now } : {}),
    ...(maxSubscriptionsPerOperator !== undefined ? { maxSubscriptionsPerOperator } : {}),
    faults,
  });
  const engine = createDeliveryEngine({
    ...delivery,
    listenerName: (t) => listenerName(model, t),
    successStatus: model.events.successStatus,
  });
  // Its undelivered events go with a deleted subscription (docs/rules.md §6), unless a fault keeps them.
  registry.onRemove((s) => {
    if (!faults.has(EVENT_FAULT.deliverAfterDelete)) engine.cancel(s.id);
  });
  const log = opts.log ?? (() => {});
  const idField = model.idField;

  const onChange = (change: Change) => {
    // A fault here must not fail the request that stored the change.
    try {
      const events = generateEvents(model, change, { ...(newEventId ? { newId: newEventId } : {}), faults });
      const ticketId = String(change.ticket[idField]);
      for (const e of events) for (const s of registry.matching(change.operator, e)) engine.enqueue(s, e, ticketId);
    } catch (e) {
      log("event generation failed (a simulator bug)", e);
    }
  };
  const stop = service.onChange(onChange);
  // POST /__control/reset starts the whole simulator over: subscriptions (their
  // queued events cancelled) and the delivery log go with the tickets (decision 0005).
  const stopReset = service.onReset(() => {
    registry.clear();
    engine.clearRecords();
  });

  return {
    registry,
    engine,
    async close() {
      stop();
      stopReset();
      return engine.close();
    },
  };
}
