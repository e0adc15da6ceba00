// What the console's JSON endpoints answer (docs/decisions/0012-console.md), built from the same
// core the control interface uses: the ticket service, the hub's registry, delivery engine and
// change history, the traffic recorder's judge. Pure functions over those; the routes are in
// control.ts (the timeline, also at /__control) and console.ts. The browser code imports these
// types only (simulator/console/), so the wire format has one definition.
import type { Query, Ticket, TicketService } from "../core/tickets.ts";
import type { AttemptRecord, PendingDelivery } from "../events/delivery.ts";
import type { EventHub } from "../events/events.ts";
import type { ChangeEntry, EventRecord } from "../events/history.ts";
import { publicView } from "../events/subscriptions.ts";
import { cellOf, type FieldModel, type Model, targetsFrom, ticketTypeOf } from "../model/model.ts";

export type { AttemptRecord, PendingDelivery } from "../events/delivery.ts";
export type { ChangeEntry, EventRecord } from "../events/history.ts";
export type { ClientVerdict, VerdictCase } from "../model/client-verdict.ts";

/** One input of the form for Nexera's fields: a root field, or a field of the one item appended. */
export interface FormField {
  readonly name: string;
  readonly type: FieldModel["type"];
  readonly format?: string;
  readonly enumValues?: readonly string[];
  /** For an array of objects (a note): the item's fields a PATCH may send; the form sends one item. */
  readonly item?: readonly FormField[];
}

export interface ConsoleMeta {
  readonly title: string;
  readonly profile: string;
  readonly resource: string;
  readonly operators: readonly string[];
  readonly fields: {
    readonly id: string;
    readonly status: string;
    readonly ticketType?: string;
    readonly created?: string;
    readonly updated?: string;
    /** The ticket's short name, where the profile has a root `name` field (TMF's). */
    readonly name?: string;
  };
  readonly states: readonly string[];
  readonly ticketTypes: readonly string[];
  /** The profile's filter parameters, as a hint next to the filter box. */
  readonly filters: readonly string[];
  /** The form for Nexera's fields (the profile's providerFields), per ticket type. */
  readonly providerForm: Readonly<Record<string, readonly FormField[]>>;
  /** True when the client role watches the traffic (certify --role client): its view is live. */
  readonly clientRole: boolean;
}

export interface TicketRow {
  readonly operator: string;
  readonly ticket: Ticket;
}

export interface TicketList {
  readonly total: number;
  readonly items: readonly TicketRow[];
}

export interface TimelineEvent extends EventRecord {
  /** Every delivery attempt kept for it, oldest first, over all its subscriptions. */
  readonly attempts: readonly AttemptRecord[];
  /** Still queued, per subscription (with the attempts made so far). */
  readonly pending: readonly PendingDelivery[];
}

export interface TimelineChange extends Omit<ChangeEntry, "events"> {
  readonly events: readonly TimelineEvent[];
}

export interface Timeline {
  readonly id: string;
  readonly ticket: Ticket;
  readonly operator: string;
  readonly ticketType: string;
  readonly status: string;
  /** Nexera's transitions from the ticket's status (the profile's lifecycle.provider), in profile order. */
  readonly nexeraMoves: readonly string[];
  readonly changes: readonly TimelineChange[];
  /** Changes of any ticket dropped from the history to keep its bound (docs/rules.md §8). */
  readonly dropped: number;
}

export interface Deliveries {
  readonly subscriptions: readonly ReturnType<typeof publicView>[];
  /** Events still queued, per subscription, with when the next attempt is due (when one failed). */
  readonly pending: ReadonlyArray<PendingDelivery & { readonly nextAttemptAt?: string }>;
  /** Failed attempts, newest first: retried later (retrying) or the last (gaveUp); at most FAILED_SHOWN. */
  readonly failed: readonly AttemptRecord[];
  readonly dropped: number;
}

/** Failed attempts the deliveries view lists; the whole log is GET /__control/deliveries. */
export const FAILED_SHOWN = 200;

export function metaOf(model: Model, operators: readonly string[], clientRole: boolean): ConsoleMeta {
  const lc = model.lifecycle;
  const sf = model.serverFields;
  const name = model.root.byName.get("name");
  return {
    title: model.title,
    profile: model.id,
    resource: model.resource,
    operators,
    fields: {
      id: model.idField,
      status: lc.field,
      ...(model.ticketTypeField !== undefined ? { ticketType: model.ticketTypeField } : {}),
      ...(sf.createdAt !== undefined ? { created: sf.createdAt } : {}),
      ...(sf.updatedAt !== undefined ? { updated: sf.updatedAt } : {}),
      ...(name?.type === "string" ? { name: name.name } : {}),
    },
    states: lc.states,
    ticketTypes: model.ticketTypes,
    filters: model.filterFieldList.flatMap((f) => f.names),
    providerForm: Object.fromEntries(model.ticketTypes.map((t) => [t, providerForm(model, t)])),
    clientRole,
  };
}

/**
 * Nexera's fields as form inputs for one ticket type: each providerField the type may carry,
 * and for an array of objects the item's fields a PATCH may send (not P or -).
 */
function providerForm(model: Model, ticketType: string): FormField[] {
  const input = (f: FieldModel): FormField => ({
    name: f.name,
    type: f.type,
    ...(f.format !== undefined ? { format: f.format } : {}),
    ...(f.enumValues !== undefined ? { enumValues: f.enumValues } : {}),
  });
  const sendable = (f: FieldModel) =>
    f.server === undefined && !["P", "-"].includes(cellOf(f, ticketType, "PATCH").rule);
  return model.providerFields.flatMap((n) => {
    const f = model.root.byName.get(n);
    if (f === undefined || cellOf(f, ticketType, "PATCH").rule === "-") return [];
    if (f.type === "array" && f.object) return [{ ...input(f), item: f.object.fields.filter(sendable).map(input) }];
    return f.type === "object" ? [] : [input(f)];
  });
}

/** Tickets of one operator, or of every operator, by the API's filter grammar (400 as the API). */
export function ticketsOf(
  model: Model,
  service: TicketService,
  operator: string | undefined,
  query: Query,
): TicketList {
  // A projection keeps the id, so each row still names its ticket and owner.
  const fields = query[model.reserved.fields];
  const q = typeof fields === "string" ? { ...query, [model.reserved.fields]: `${fields},${model.idField}` } : query;
  const { items, total } = service.list(operator, q);
  const owner = (t: Ticket) => operator ?? service.ownerOf(String(t[model.idField])) ?? "";
  return { total, items: items.map((ticket) => ({ operator: owner(ticket), ticket })) };
}

/** One ticket's story: its changes, who made each, the events each caused and every delivery attempt. */
export function timelineOf(model: Model, service: TicketService, hub: EventHub, id: string): Timeline {
  const ticket = service.get(undefined, id); // 404 as the control interface
  const status = String(ticket[model.lifecycle.field]);
  const attempts = hub.engine.attempts().filter((a) => a.ticketId === id);
  const pending = hub.engine.pending().filter((p) => p.ticketId === id);
  return {
    id,
    ticket,
    operator: service.ownerOf(id) ?? "",
    ticketType: ticketTypeOf(model, ticket),
    status,
    nexeraMoves: targetsFrom(model.lifecycle.provider, status),
    changes: hub.history.changes(id).map((c) => ({
      ...c,
      events: c.events.map((e) => ({
        ...e,
        attempts: attempts.filter((a) => a.eventId === e.eventId),
        pending: pending.filter((p) => p.eventId === e.eventId),
      })),
    })),
    dropped: hub.history.dropped,
  };
}

export function deliveriesOf(hub: EventHub): Deliveries {
  const attempts = hub.engine.attempts();
  const last = new Map<string, AttemptRecord>();
  for (const a of attempts) last.set(`${a.subscriptionId}\u0000${a.eventId}`, a);
  return {
    subscriptions: hub.registry.list().map(publicView),
    pending: hub.engine.pending().map((p) => {
      const next = last.get(`${p.subscriptionId}\u0000${p.eventId}`)?.nextAttemptAt;
      return next !== undefined ? { ...p, nextAttemptAt: next } : p;
    }),
    failed: attempts
      .filter((a) => a.outcome === "retrying" || a.outcome === "gaveUp")
      .slice(-FAILED_SHOWN)
      .reverse(),
    dropped: hub.engine.droppedRecords(),
  };
}
