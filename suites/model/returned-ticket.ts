// A ticket as a Nexera-side server returns it (docs/rules.md §4, §5), built from the
// rule model alone: what the events the listener role sends carry. Minimal: the
// fields a POST requires; full: every field the profile lets a returned ticket hold.
// Then the server's own fields are stamped (id, href, dates, status, defaults, item
// ids and dates) and what entering the state sets (lifecycle.onEnter). Pure.
import {
  type FieldModel,
  isUnsupported,
  type Model,
  type ObjectModel,
  type Operation,
} from "../../simulator/model/model.ts";
import { allows, type Body, lettersOf, minimalBody, type SampleCtx, sampleValue } from "./samples.ts";

export interface TicketSpec {
  readonly ticketType: string;
  /** The ticket's state after the change the event reports. */
  readonly status: string;
  /** The server's id of the ticket (the same in every event about it). */
  readonly id: string;
  /** Unique text put into string values. */
  readonly tag: string;
  /** When the ticket was created, and when the change happened (RFC 3339). */
  readonly createdAt: string;
  readonly at: string;
  /** Every field the profile allows in a returned ticket, or only what a POST requires. */
  readonly full?: boolean;
  /** Root fields the change set (an attribute change): they are given a value. */
  readonly changed?: readonly string[];
}

/** Whether a field may be present in a ticket the server returns, for a ticket type in a state. */
export function mayReturn(model: Model, f: FieldModel, ticketType: string, status: string, root: boolean): boolean {
  if (isUnsupported(f)) return false;
  if (f.server !== undefined) return true;
  if (root && model.providerFields.includes(f.name)) return true;
  if (root && setOnEnter(model, f.name, ticketType, status)) return true;
  return model.operations.some((op) => lettersOf(f, ctxOf(model, ticketType, op, "")).some(allows));
}

/** The ticket an event about `spec` carries. */
export function returnedTicket(model: Model, spec: TicketSpec): Body {
  const lc = model.lifecycle;
  const content = spec.full
    ? fullContent(model, spec)
    : minimalBody({ model, ticketType: spec.ticketType, op: "POST", tag: spec.tag });
  for (const name of spec.changed ?? []) {
    const f = model.root.byName.get(name);
    if (f && content[name] === undefined) content[name] = sampleValue(f, writeCtx(model, f, spec), spec.full);
  }
  // A reason describes a status change: a ticket still in its first state has had none.
  if (spec.status === lc.initial && lc.reasonField !== undefined) delete content[lc.reasonField];
  const stampWith: Stamp = { ...spec, href: `${model.basePath}/${model.resource}/${spec.id}` };
  const ticket = stamp(model.root, content, stampWith, true);
  if (model.ticketTypeField !== undefined) ticket[model.ticketTypeField] = spec.ticketType;
  for (const set of lc.onEnter[spec.status] ?? []) {
    if (set.ticketTypes && !set.ticketTypes.includes(spec.ticketType)) continue;
    if (set.keep && ticket[set.field] !== undefined) continue;
    ticket[set.field] = set.value === "$now" ? spec.at : structuredClone(set.value);
  }
  return ordered(model.root, ticket);
}

/** Every root field a returned ticket may hold but the server's own, with sample values. */
function fullContent(model: Model, spec: TicketSpec): Body {
  const out: Body = {};
  for (const f of model.root.fields) {
    if (f.server !== undefined && f.server !== "default") continue;
    if (!mayReturn(model, f, spec.ticketType, spec.status, true)) continue;
    // The lifecycle's state is the server's (stamped); onEnter values are set after.
    if (f.name === model.lifecycle.field || setOnEnter(model, f.name, spec.ticketType, spec.status)) continue;
    out[f.name] = sampleValue(f, writeCtx(model, f, spec), true);
  }
  return out;
}

/** A sample context under the operation whose rule lets a request write the field (POST first). */
function writeCtx(model: Model, f: FieldModel, spec: TicketSpec): SampleCtx {
  const op =
    model.operations.find((o) => lettersOf(f, ctxOf(model, spec.ticketType, o, spec.tag)).some(allows)) ??
    model.operations[0]!;
  return { ...ctxOf(model, spec.ticketType, op, spec.tag), state: spec.status };
}

const ctxOf = (model: Model, ticketType: string, op: Operation, tag: string): SampleCtx => ({
  model,
  ticketType,
  op,
  tag,
});

function setOnEnter(model: Model, field: string, ticketType: string, status: string): boolean {
  return (model.lifecycle.onEnter[status] ?? []).some(
    (s) => s.field === field && (!s.ticketTypes || s.ticketTypes.includes(ticketType)),
  );
}

/** What the server stamps a ticket with. */
interface Stamp extends TicketSpec {
  /** docs/rules.md §8: the simulator's hrefs are paths unless given a public URL; a real server's may be absolute. */
  readonly href: string;
}

/** Content with the server's fields filled in, recursively (items of arrays get ids and dates too). */
function stamp(obj: ObjectModel, content: Body, spec: Stamp, root: boolean, item = 0): Body {
  const out: Body = {};
  for (const f of obj.fields) {
    if (isUnsupported(f)) continue;
    const given = content[f.name];
    const server = f.server === undefined || (f.server === "default" && given !== undefined) ? undefined : f.server;
    const value = server !== undefined ? serverValue(f, spec, root, item) : nested(f, given, spec);
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}

function nested(f: FieldModel, given: unknown, spec: Stamp): unknown {
  const obj = f.object;
  const isObject = (v: unknown): v is Body => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!obj || given === undefined) return given;
  if (Array.isArray(given)) return given.map((v, i) => (isObject(v) ? stamp(obj, v, spec, false, i + 1) : v));
  return isObject(given) ? stamp(obj, given, spec, false) : given;
}

function serverValue(f: FieldModel, spec: Stamp, root: boolean, item: number): unknown {
  switch (f.server) {
    case "id":
      return root ? spec.id : `${spec.id}-${f.name}-${item}`;
    case "href":
      return root ? spec.href : undefined;
    case "createdAt":
      return root ? spec.createdAt : spec.at;
    case "updatedAt":
    case "statusChangedAt":
      return spec.at;
    case "initialStatus":
      return spec.status;
    case "default":
      return structuredClone(f.default);
    default:
      return undefined;
  }
}

/** The ticket's keys in the model's order, as a server lists them. */
function ordered(obj: ObjectModel, t: Body): Body {
  const out: Body = {};
  for (const f of obj.fields) if (t[f.name] !== undefined) out[f.name] = t[f.name];
  return out;
}

/** Root fields a request or Nexera may change while the ticket is in `status` (an attribute change, docs/rules.md §6). */
export function changeableFields(
  model: Model,
  ticketType: string,
  status: string,
): { operator: string[]; nexera: string[] } {
  const lc = model.lifecycle;
  const bookkeeping = new Set([lc.field, lc.reasonField, lc.changeDateField, model.serverFields.updatedAt]);
  // Adding a note to a pending ticket would move it (lifecycle.onAppend): not an attribute change in that state alone.
  const moves = new Set(lc.onAppend.filter((a) => a.from.includes(status)).flatMap((a) => a.fields));
  const candidate = (f: FieldModel) =>
    !bookkeeping.has(f.name) &&
    !isUnsupported(f) &&
    !moves.has(f.name) &&
    !setOnEnter(model, f.name, ticketType, status);
  const patch = model.operations.includes("PATCH");
  const operator = model.root.fields
    .filter((f) => patch && candidate(f) && f.server === undefined)
    .filter((f) => lettersOf(f, ctxOf(model, ticketType, "PATCH", "")).some(allows))
    .map((f) => f.name);
  const nexera = model.providerFields.filter((n) => {
    const f = model.root.byName.get(n);
    return f !== undefined && candidate(f);
  });
  return { operator, nexera };
}
