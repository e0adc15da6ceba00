// What the simulated operator listener checks in an event it receives (docs/rules.md
// §4, §6): the envelope and the ticket it carries by the model's Event schema
// (simulator/model/schemas-api.ts: field types, enums, formats and bounds, the
// fields the server always sets, no field the profile does not return), and that
// eventType matches the path. Warnings note what does not break the profile.
import { isPlainObject } from "../core/validate.ts";
import { eventTypes, type Model, spelled } from "../model/model.ts";
import { schemaProblems } from "../model/schema-check.ts";
import { eventName, SCHEMA } from "../model/schema-names.ts";

export interface Verdict {
  valid: boolean;
  /** Why the event is not valid (empty when valid). */
  reasons: string[];
  /** Things worth a look that do not break the profile (e.g. extra TMF envelope keys). */
  warnings: string[];
}

export interface EventChecker {
  /** The event type a listener path segment names (either capitalisation), or undefined. */
  eventTypeOfPath(name: string): string | undefined;
  check(pathName: string, body: unknown): Verdict;
}

export function compileEventChecker(model: Model): EventChecker {
  const types = eventTypes(model);
  const byPath = new Map<string, string>();
  for (const t of types) {
    // Both capitalisations (docs/rules.md §2): TMF's lower-case first letter and the seed's Postman spelling.
    byPath.set(t, t);
    byPath.set(spelled(t, "lowerFirst"), t);
  }
  // An `enter` rule says which state the carried ticket is in.
  const enterState = new Map(
    model.events.rules.filter((r) => r.on === "enter" && r.state).map((r) => [r.eventType, r.state as string]),
  );
  const envelopeKeys = new Set(types.flatMap((t) => Object.keys(propertiesOf(model, eventName(t)))));
  const key = model.events.payloadKey;
  const statusField = model.lifecycle.field;

  return {
    eventTypeOfPath: (name) => byPath.get(name),
    check(pathName, body) {
      const reasons = schemaProblems(model, SCHEMA.event, body, "the event").map((p) => p.message);
      const warnings: string[] = [];
      if (!isPlainObject(body)) return { valid: false, reasons, warnings };
      for (const k of Object.keys(body))
        if (!envelopeKeys.has(k)) warnings.push(`envelope key ${k} is not in the profile's envelope`);
      const type = typeof body.eventType === "string" ? body.eventType : undefined;
      const pathType = byPath.get(pathName);
      if (type !== undefined && types.includes(type) && pathType !== undefined && pathType !== type)
        reasons.push(`eventType ${type} does not match the listener path /listener/${pathName}`);
      const ev = body.event;
      if (isPlainObject(ev)) {
        for (const k of Object.keys(ev))
          if (k !== key) warnings.push(`event.${k} is not in the profile's event payload`);
        const ticket = ev[key];
        const want = type !== undefined ? enterState.get(type) : undefined;
        if (want !== undefined && isPlainObject(ticket) && ticket[statusField] !== want)
          warnings.push(
            `${type} carries a ticket whose ${statusField} is ${JSON.stringify(ticket[statusField])}, not ${want}`,
          );
      }
      return { valid: reasons.length === 0, reasons, warnings };
    },
  };
}

function propertiesOf(model: Model, name: string): Readonly<Record<string, unknown>> {
  const s = model.schemas.$defs[name];
  return typeof s === "object" && isPlainObject(s.properties) ? s.properties : {};
}
