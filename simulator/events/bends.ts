// How the events' deliberate faults bend the code (declared, with their proofs, in
// events/faults.ts; the mechanism: core/faults.ts). Each helper is called at the
// exact place a rule of docs/rules.md §3 or §6 is kept, and is the identity unless
// its fault is active: the simulator without faults behaves exactly as before.
import type { ActiveFaults } from "../core/faults.ts";
import { eventTypes, type Model } from "../model/model.ts";

/** The events' fault names, shared by the bends and the catalogue so neither can misspell them. */
export const EVENT_FAULT = {
  wrongType: "wrong-event-type",
  wrongFieldPath: "wrong-field-path",
  dropFieldPath: "drop-field-path",
  duplicate: "duplicate-event",
  stale: "stale-ticket",
  dropEnvelope: "drop-envelope",
  reorder: "reorder-events",
  noRetry: "no-retry",
  retryForever: "retry-forever",
  deliverAfterDelete: "deliver-after-delete",
  ignoreHubDelete: "ignore-hub-delete",
  otherTenants: "cross-tenant-events",
} as const;

/** How long a lane holds its head under reorder-events, so later events of the ticket queue behind it. */
export const REORDER_HOLD_MS = 300;

/** wrong-event-type:<T>: an event of type T is sent as the profile's first other type. */
export function sentType(model: Pick<Model, "events">, type: string, faults: ActiveFaults): string {
  if (faults.arg(EVENT_FAULT.wrongType) !== type) return type;
  return eventTypes(model).find((t) => t !== type) ?? type;
}

/** drop-field-path: no fieldPath; wrong-field-path: every field of the ticket, not those the event is about. */
export function sentFieldPath(
  fieldPath: string | undefined,
  ticket: Readonly<Record<string, unknown>>,
  faults: ActiveFaults,
): string | undefined {
  if (fieldPath === undefined || fieldPath === "" || faults.has(EVENT_FAULT.dropFieldPath)) return undefined;
  return faults.has(EVENT_FAULT.wrongFieldPath) ? Object.keys(ticket).join(",") : fieldPath;
}

/** stale-ticket: an update's events carry the ticket as it was before the change. */
export function sentTicket<T>(change: { readonly before?: T; readonly ticket: T }, faults: ActiveFaults): T {
  return faults.has(EVENT_FAULT.stale) && change.before !== undefined ? change.before : change.ticket;
}

/** duplicate-event: each event is sent again under a new eventId (eventId must be unique per event). */
export function withDuplicates<E extends { eventId: string }>(
  events: E[],
  newId: () => string,
  faults: ActiveFaults,
): E[] {
  return faults.has(EVENT_FAULT.duplicate) ? events.flatMap((e) => [e, { ...e, eventId: newId() }]) : events;
}

/** drop-envelope:<key>: the body POSTed lacks that key of the envelope (routing still knows the event). */
export function wireBody(event: object, faults: ActiveFaults | undefined): object {
  const key = faults?.arg(EVENT_FAULT.dropEnvelope);
  if (key === undefined) return event;
  const { [key]: _dropped, ...rest } = event as Record<string, unknown>;
  return rest;
}

/**
 * reorder-events: a lane waits a moment before each attempt, then sends its newest
 * event first, so a ticket's events arrive out of the order they happened.
 */
export async function reorderLane(items: unknown[]): Promise<void> {
  await new Promise((r) => setTimeout(r, REORDER_HOLD_MS));
  if (items.length > 1) items.unshift(items.pop());
}

/**
 * Whether and why a failed delivery is given up: `honest` is the engine's own reason
 * (undefined: retry). no-retry gives up at once; retry-forever never does, not even
 * on a listener's 4xx, its final word (docs/rules.md §6).
 */
export function giveUpReason(honest: string | undefined, faults: ActiveFaults | undefined): string | undefined {
  if (faults?.has(EVENT_FAULT.retryForever)) return undefined;
  if (faults?.has(EVENT_FAULT.noRetry)) return honest ?? "never retried (fault no-retry)";
  return honest;
}
