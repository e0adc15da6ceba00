// What the simulated operator listener checks in an event it receives, derived
// from the rule model (docs/rules.md §4, §6): the envelope, that eventType matches the
// path, and the ticket payload's field types, enums, formats and bounds, the
// fields the server always sets, and no field the profile does not return.
import { isDateTime, isPlainObject } from "../core/validate.ts";
import type { FieldModel, Model, ObjectModel } from "../model/model.ts";

export interface Verdict {
  valid: boolean;
  /** Why the event is not valid (empty when valid). */
  reasons: string[];
  /** Things worth a look that do not break the profile (e.g. extra TMF envelope keys). */
  warnings: string[];
}

const ENVELOPE_KEYS = new Set(["eventId", "eventTime", "eventType", "correlationId", "fieldPath", "event"]);

export interface EventChecker {
  /** The event type a listener path segment names (either capitalisation), or undefined. */
  eventTypeOfPath(name: string): string | undefined;
  check(pathName: string, body: unknown): Verdict;
}

export function compileEventChecker(model: Model): EventChecker {
  const types = [...new Set(model.events.rules.map((r) => r.eventType))];
  const byPath = new Map<string, string>();
  for (const t of types) {
    // Both capitalisations (docs/rules.md §2): TMF's lower-case first letter and the seed's Postman spelling.
    byPath.set(t, t);
    byPath.set(t.charAt(0).toLowerCase() + t.slice(1), t);
  }
  // An `enter` rule says which state the carried ticket is in.
  const enterState = new Map(
    model.events.rules.filter((r) => r.on === "enter" && r.state).map((r) => [r.eventType, r.state as string]),
  );
  const checkTicket = compileObject(model.root, model.rejectUnknownFields);
  const key = model.events.payloadKey;
  const statusField = model.lifecycle.field;

  return {
    eventTypeOfPath: (name) => byPath.get(name),
    check(pathName, body) {
      const reasons: string[] = [];
      const warnings: string[] = [];
      if (!isPlainObject(body)) return { valid: false, reasons: ["the event body must be a JSON object"], warnings };
      for (const k of Object.keys(body))
        if (!ENVELOPE_KEYS.has(k)) warnings.push(`envelope key ${k} is not in the profile's envelope`);
      const str = (k: string, required: boolean) => {
        const v = body[k];
        if (v === undefined) {
          if (required) reasons.push(`${k} is required`);
          return undefined;
        }
        if (typeof v !== "string" || v === "") {
          reasons.push(`${k} must be a non-empty string`);
          return undefined;
        }
        return v;
      };
      str("eventId", true);
      const time = str("eventTime", true);
      if (time !== undefined && !isDateTime(time)) reasons.push("eventTime must be a valid date-time");
      const type = str("eventType", true);
      str("correlationId", false);
      const fieldPath = str("fieldPath", false);
      const pathType = byPath.get(pathName);
      if (type !== undefined) {
        if (!types.includes(type))
          reasons.push(`eventType ${type} is not an event of this profile (${types.join(", ")})`);
        else if (pathType !== undefined && pathType !== type)
          reasons.push(`eventType ${type} does not match the listener path /listener/${pathName}`);
      }
      if (fieldPath !== undefined)
        for (const f of fieldPath.split(","))
          if (!model.root.byName.has(f.trim()))
            reasons.push(`fieldPath names ${JSON.stringify(f)}, not a field of ${model.root.name}`);
      const ev = body.event;
      if (!isPlainObject(ev)) {
        reasons.push(ev === undefined ? "event is required" : "event must be an object");
      } else {
        const ticket = ev[key];
        if (!isPlainObject(ticket)) reasons.push(`event.${key} must be an object`);
        else {
          checkTicket(ticket, `event.${key}`, reasons);
          const want = type !== undefined ? enterState.get(type) : undefined;
          if (want !== undefined && ticket[statusField] !== want)
            warnings.push(
              `${type} carries a ticket whose ${statusField} is ${JSON.stringify(ticket[statusField])}, not ${want}`,
            );
        }
        for (const k of Object.keys(ev))
          if (k !== key) warnings.push(`event.${k} is not in the profile's event payload`);
      }
      return { valid: reasons.length === 0, reasons, warnings };
    },
  };
}

type Check = (v: Record<string, unknown>, at: string, out: string[]) => void;

/** A check of one returned object: each present field judged by its model, server-set ones required. */
function compileObject(obj: ObjectModel, strict: boolean): Check {
  const fields = obj.fields.map((f) => ({ f, value: compileValue(f, strict) }));
  return (o, at, out) => {
    if (strict)
      for (const k of Object.keys(o)) if (!obj.byName.has(k)) out.push(`${at}.${k} is not a field of ${obj.name}`);
    for (const { f, value } of fields) {
      const v = o[f.name];
      const path = `${at}.${f.name}`;
      if (v === undefined || v === null) {
        // Reading §4: responses always carry what the server set.
        if (f.server !== undefined) out.push(`${path} is set by the server and must be present`);
        continue;
      }
      // Rule "-": a standard field this profile does not use is not stored and not returned.
      if (unused(f)) out.push(`${path} is not supported by this profile and must not be returned`);
      else value(v, path, out);
    }
  };
}

function unused(f: FieldModel): boolean {
  return Object.values(f.cells).every((row) => Object.values(row).every((c) => c.rule === "-"));
}

function compileValue(f: FieldModel, strict: boolean): (v: unknown, at: string, out: string[]) => void {
  const nested = f.object ? compileObject(f.object, strict) : undefined;
  if (f.type === "array")
    return (v, at, out) => {
      if (!Array.isArray(v)) return void out.push(`${at} must be an array`);
      v.forEach((item, i) => {
        if (!isPlainObject(item)) out.push(`${at}[${i}] must be an object`);
        else nested?.(item, `${at}[${i}]`, out);
      });
    };
  if (f.type === "object")
    return (v, at, out) => {
      if (!isPlainObject(v)) return void out.push(`${at} must be an object`);
      nested?.(v, at, out);
    };
  if (f.type === "boolean")
    return (v, at, out) => {
      if (typeof v !== "boolean") out.push(`${at} must be a boolean`);
    };
  if (f.type === "integer" || f.type === "number") {
    const int = f.type === "integer";
    return (v, at, out) => {
      if (typeof v !== "number" || !Number.isFinite(v) || (int && !Number.isInteger(v)))
        return void out.push(`${at} must be ${int ? "an integer" : "a number"}`);
      if ((f.minimum !== undefined && v < f.minimum) || (f.maximum !== undefined && v > f.maximum))
        out.push(`${at} must be between ${f.minimum ?? "-inf"} and ${f.maximum ?? "inf"} (got ${v})`);
    };
  }
  const format = formatCheck(f.format);
  return (v, at, out) => {
    if (typeof v !== "string") return void out.push(`${at} must be a string`);
    if (f.minLength !== undefined && v.length < f.minLength)
      out.push(`${at} must not be shorter than ${f.minLength} character(s)`);
    if (f.enumValues && !f.enumValues.includes(v))
      out.push(`${at} must be one of ${f.enumValues.join(", ")} (got ${JSON.stringify(v)})`);
    if (format && !format(v)) out.push(`${at} must be a valid ${f.format}`);
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function formatCheck(format: FieldModel["format"]): ((s: string) => boolean) | undefined {
  switch (format) {
    case "date-time":
      return isDateTime;
    case "base64":
      return (s) => BASE64.test(s);
    case "uri":
      return (s) => URL.canParse(s);
    default:
      return undefined;
  }
}
