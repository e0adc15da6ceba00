// The events the listener role sends, built from the rule model alone (docs/rules.md
// §6): which states each event rule can report, the envelope of one event, and the
// story of one ticket (its events in the order a server sends them). Every event is
// checked against the model's Event schema before it is sent: an invalid one is a
// harness bug, never the listener's fault. Pure: ids and times are given.
import type { Model } from "../../simulator/model/model.ts";
import { schemaProblems } from "../../simulator/model/schema-check.ts";
import { SCHEMA } from "../../simulator/model/schema-names.ts";
import { HarnessError } from "../support/errors.ts";
import { pathTo } from "./lifecycle-paths.ts";
import { changeableFields, returnedTicket, type TicketSpec } from "./returned-ticket.ts";
import type { Body } from "./samples.ts";

export type EventRule = Model["events"]["rules"][number];

export interface OutgoingEvent {
  readonly eventType: string;
  readonly ticketType: string;
  readonly status: string;
  /** The JSON body sent. */
  readonly envelope: Body;
  /** How a message names it: `TroubleTicketResolvedEvent (Complaint in resolved)`. */
  readonly label: string;
}

/**
 * The states an event of this rule can carry its ticket in (docs/rules.md §5, §6): a
 * status change, any state a transition enters; an `enter` rule, its state; an
 * attribute change, any state that is not final and has something to change; a
 * `create` rule, the initial state.
 */
export function statesOf(model: Model, rule: EventRule, ticketType: string): string[] {
  const lc = model.lifecycle;
  switch (rule.on) {
    case "create":
      return [lc.initial];
    case "enter":
      return rule.state === undefined ? [] : [rule.state];
    case "statusChange": {
      const entered = new Set([...lc.provider, ...lc.operator].map((t) => t.to).concat(lc.onAppend.map((a) => a.to)));
      return lc.states.filter((s) => entered.has(s));
    }
    case "attributeChange":
      return lc.states.filter((s) => !lc.final.has(s) && changedFields(model, ticketType, s, () => 0).length > 0);
  }
}

/**
 * The fields one attribute change sets in a state: one, picked with `pick(n)` (0..n-1),
 * or with `all` every field one request of the operator may change (else Nexera's).
 */
export function changedFields(
  model: Model,
  ticketType: string,
  status: string,
  pick: (n: number) => number,
  all = false,
): string[] {
  const { operator, nexera } = changeableFields(model, ticketType, status);
  if (all) return operator.length > 0 ? operator : nexera;
  const pool = [...operator, ...nexera];
  return pool.length === 0 ? [] : [pool[pick(pool.length)]!];
}

/** One event of a rule about a ticket, checked against the model's Event schema. */
export function buildEvent(
  model: Model,
  rule: EventRule,
  ticket: TicketSpec,
  eventId: string,
  changed: readonly string[] = [],
): OutgoingEvent {
  const t = returnedTicket(model, rule.on === "attributeChange" ? { ...ticket, changed } : ticket);
  const correlation = model.events.correlationField === undefined ? undefined : t[model.events.correlationField];
  const fieldPath = rule.on === "attributeChange" ? changed.join(",") : (rule.fieldPath ?? "");
  const envelope: Body = {
    eventId,
    eventTime: ticket.at,
    eventType: rule.eventType,
    // docs/rules.md §6: the ticket's correlation field, when it has one; a fieldPath where the rule gives one.
    ...(typeof correlation === "string" ? { correlationId: correlation } : {}),
    ...(fieldPath !== "" ? { fieldPath } : {}),
    event: { [model.events.payloadKey]: t },
  };
  const label = `${rule.eventType} (${ticket.ticketType} in ${ticket.status}${ticket.full ? ", every optional field" : ""})`;
  const problems = schemaProblems(model, SCHEMA.event, envelope, "the event");
  if (problems.length > 0)
    throw new HarnessError(
      `the harness built an invalid ${label}: ${problems.map((p) => p.message).join("; ")} (profile ${model.id})`,
    );
  return { eventType: rule.eventType, ticketType: ticket.ticketType, status: ticket.status, envelope, label };
}

/**
 * One ticket's events in the order a server sends them (docs/rules.md §6): its create
 * events, an attribute change, then along the longest shortest path of the lifecycle
 * each status change followed by the events of the state entered. The i-th event
 * happens at `start + i * stepMs`.
 */
export function ticketStory(
  model: Model,
  o: {
    ticketType: string;
    id: string;
    tag: string;
    start: number;
    stepMs: number;
    newId: () => string;
    pick: (n: number) => number;
  },
): OutgoingEvent[] {
  const lc = model.lifecycle;
  const rules = model.events.rules;
  const path = lc.states
    .map((s) => pathTo(model, s, { provider: true, operator: true }) ?? [])
    .reduce((a, b) => (b.length > a.length ? b : a), []);
  const steps: Array<{ rule: EventRule; status: string }> = [
    ...rules.filter((r) => r.on === "create").map((rule) => ({ rule, status: lc.initial })),
    ...rules.filter((r) => r.on === "attributeChange").map((rule) => ({ rule, status: lc.initial })),
    ...path.flatMap((step) =>
      rules
        .filter((r) => r.on === "statusChange" || (r.on === "enter" && r.state === step.to))
        .map((rule) => ({ rule, status: step.to })),
    ),
  ];
  const createdAt = new Date(o.start - o.stepMs).toISOString();
  return steps.flatMap(({ rule, status }, i) => {
    const changed = rule.on === "attributeChange" ? changedFields(model, o.ticketType, status, o.pick) : [];
    if (rule.on === "attributeChange" && changed.length === 0) return [];
    const at = new Date(o.start + i * o.stepMs).toISOString();
    const spec: TicketSpec = { ticketType: o.ticketType, status, id: o.id, tag: o.tag, createdAt, at };
    return [buildEvent(model, rule, spec, o.newId(), changed)];
  });
}

/** A small seeded generator (mulberry32): `pick(n)` is 0..n-1, so one --seed replays the same choices. */
export function picker(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
