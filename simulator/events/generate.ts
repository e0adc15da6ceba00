// Event generation (docs/rules.md §6): a pure function from one stored Change to the
// events it causes, following the profile's events.rules. No I/O, no clock: the
// event time is the change's, and ids come from an injected generator.
import { randomUUID } from "node:crypto";
import { type ActiveFaults, NO_FAULTS } from "../core/faults.ts";
import type { Change, Ticket } from "../core/tickets.ts";
import { type Model, statusChangeFields } from "../model/model.ts";
import { sentFieldPath, sentTicket, sentType, withDuplicates } from "./bends.ts";

export interface TicketEvent {
  eventId: string;
  eventTime: string;
  eventType: string;
  correlationId?: string;
  fieldPath?: string;
  /** `{ [model.events.payloadKey]: <the whole ticket after the change> }` */
  event: Record<string, Ticket>;
}

type Rule = Model["events"]["rules"][number];

export interface GenerateOptions {
  newId?: () => string;
  /** Deliberate misbehaviour (events/faults.ts). */
  faults?: ActiveFaults;
}

/**
 * The events of one change, in this order (chosen, docs/rules.md §6 leaves it open):
 *   1. `create` rules (a create change only);
 *   2. one `attributeChange` event when other attributes changed (an update only),
 *      because an attribute change may be what moved the status (a note on a
 *      pending ticket) and the cause should reach the listener before its effect.
 *      Fields the lifecycle sets or clears by itself on a status change
 *      (lifecycle.onEnter, onLeave: resolutionDate) are part of that status change,
 *      not an attribute change: the status events carry the ticket with them (chosen);
 *   3. for each status change in order: its `statusChange` events, then the
 *      `enter` events of the state it entered.
 * Within each step, rules keep the order of the profile.
 */
export function generateEvents(model: Model, change: Change, opts: GenerateOptions = {}): TicketEvent[] {
  const newId = opts.newId ?? randomUUID;
  const faults = opts.faults ?? NO_FAULTS;
  const rules = model.events.rules;
  const ticket = structuredClone(sentTicket(change, faults));
  const correlationId = model.events.correlationField === undefined ? undefined : ticket[model.events.correlationField];
  const out: TicketEvent[] = [];
  const emit = (rule: Rule, fieldPath?: string) => {
    const e: TicketEvent = {
      eventId: newId(),
      eventTime: change.at,
      eventType: sentType(model, rule.eventType, faults),
      event: { [model.events.payloadKey]: ticket },
    };
    // The ticket's events.correlationField (Nexera: correlationId) lets a listener tie the event to its own request.
    if (typeof correlationId === "string") e.correlationId = correlationId;
    const path = sentFieldPath(fieldPath, ticket, faults);
    if (path !== undefined) e.fieldPath = path;
    out.push(e);
  };
  const on = (trigger: Rule["on"]) => rules.filter((r) => r.on === trigger);

  if (change.kind === "create") for (const r of on("create")) emit(r, r.fieldPath);
  const byStatus = new Set(change.statusChanges.flatMap((sc) => statusChangeFields(model, sc.from, sc.to)));
  const attributes = change.changedFields.filter((f) => !byStatus.has(f));
  if (change.kind === "update" && attributes.length > 0)
    for (const r of on("attributeChange")) emit(r, attributes.join(","));
  for (const sc of change.statusChanges) {
    for (const r of on("statusChange")) emit(r, r.fieldPath);
    for (const r of on("enter")) if (r.state === sc.to) emit(r, r.fieldPath);
  }
  return withDuplicates(out, newId, faults);
}
