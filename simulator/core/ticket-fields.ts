// Turning validated request bodies into stored ticket content: server fields from
// field.server, only fields the profile supports, array items stamped, PATCH merged
// per field.onPatch. Pure; the validators ran before any of this.
import type { FieldModel, Model, ObjectModel } from "../model/model.ts";
import { isUnsupported } from "../model/model.ts";
import type { Ticket } from "./entry.ts";

/** What the server stamps with, for one request. */
export interface Stamp {
  readonly at: string;
  readonly newId: () => string;
  readonly initial: string;
  /** The new ticket's id and href (root only: items get fresh ids and have no href). */
  readonly id?: string;
  readonly href?: string;
}

/** The value the server gives a field, or undefined when the kind has no value here. */
export function serverValue(f: FieldModel, s: Stamp): unknown {
  switch (f.server) {
    case "id":
      return s.id ?? s.newId();
    case "href":
      return s.href;
    case "createdAt":
    case "updatedAt":
    case "statusChangedAt":
      return s.at;
    case "initialStatus":
      return s.initial;
    case "default":
      return copyJson(f.default);
    default:
      return undefined;
  }
}

/** A new ticket from a POST body: server fields, then the body's supported fields, in model order. */
export function buildTicket(
  model: Model,
  body: Readonly<Record<string, unknown>>,
  ticketType: string,
  s: Stamp,
): Ticket {
  const t = fill(model.root, body, s);
  if (model.ticketTypeField !== undefined) t[model.ticketTypeField] = ticketType;
  return t;
}

/**
 * Merges a PATCH body into the draft: onPatch "append" adds the (stamped) items,
 * anything else replaces. Fields the server sets itself, and the `skip` ones, are
 * left to the caller. Returns the fields whose value changed, and those appended to.
 */
export function mergeFields(
  model: Model,
  draft: Ticket,
  body: Readonly<Record<string, unknown>>,
  s: Stamp,
  skip: ReadonlySet<string>,
): { changed: string[]; appended: string[] } {
  const changed: string[] = [];
  const appended: string[] = [];
  for (const [name, v] of Object.entries(body)) {
    const f = model.root.byName.get(name);
    if (!f || v === undefined || skip.has(name) || isUnsupported(f) || (f.server && f.server !== "default")) continue;
    const next = keep(f, v, s);
    if (f.onPatch === "append" && Array.isArray(next)) {
      if (next.length === 0) continue;
      const before = draft[name];
      draft[name] = [...(Array.isArray(before) ? before : []), ...next];
      appended.push(name);
      changed.push(name);
    } else if (!sameJson(draft[name], next)) {
      draft[name] = next;
      changed.push(name);
    }
  }
  return { changed, appended };
}

/** The ticket's keys in model order, so responses read the same however a field arrived. */
export function canonical(model: Model, t: Ticket): Ticket {
  const out: Ticket = {};
  for (const f of model.root.fields) if (t[f.name] !== undefined) out[f.name] = t[f.name];
  return out;
}

/** A copy of a request value holding only supported fields; items of objects with server fields are stamped. */
function keep(f: FieldModel, v: unknown, s: Stamp): unknown {
  const obj = f.object;
  if (!obj) return copyJson(v);
  const item: Stamp = { at: s.at, newId: s.newId, initial: s.initial };
  if (Array.isArray(v)) return v.map((x) => keepObject(obj, x, item));
  return keepObject(obj, v, item);
}

function keepObject(obj: ObjectModel, v: unknown, s: Stamp): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return copyJson(v);
  return fill(obj, v as Record<string, unknown>, s);
}

/** The object's supported fields from src, server fields stamped (a "default" only when src leaves it out). */
function fill(obj: ObjectModel, src: Readonly<Record<string, unknown>>, s: Stamp): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of supported(obj)) {
    const given = src[f.name];
    const serverSets = f.server !== undefined && !(f.server === "default" && given !== undefined);
    const value = serverSets ? serverValue(f, s) : given === undefined ? undefined : keep(f, given, s);
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}

const supportedFields = new WeakMap<ObjectModel, readonly FieldModel[]>();
function supported(obj: ObjectModel): readonly FieldModel[] {
  let fs = supportedFields.get(obj);
  if (!fs) {
    fs = obj.fields.filter((f) => !isUnsupported(f));
    supportedFields.set(obj, fs);
  }
  return fs;
}

/** A deep copy of a JSON value; much cheaper than structuredClone on the small values of a ticket. */
export function copyJson<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) if (Object.hasOwn(v, k)) out[k] = copyJson((v as Record<string, unknown>)[k]);
  return out as T;
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameJson(ao[k], bo[k]));
}

/**
 * Whether a JSON value nests arrays or objects more than `max` levels deep.
 * Iterative, because the value may be deeper than the stack: JSON.parse takes any
 * depth, but copyJson, sameJson and JSON.stringify recurse.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (typeof v !== "object" || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v))
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
