// The derived schemas around the ticket (schemas.ts derives the ticket and the
// request bodies): the event envelopes (docs/rules.md §6), the hub's bodies
// (docs/rules.md §2, §6), the TMF Error body (docs/rules.md §2) and the control
// transition (docs/rules.md §8). The envelope and the Error are TMF's; what varies
// (event types, payload key, fieldPath, states, callback schemes) is the profile's.

import { eventTypes } from "./model.ts";
import type { AddSchema, RuleModel, Schema } from "./schema-names.ts";
import { eventName, ref, SCHEMA, strip, ticketName } from "./schema-names.ts";

const nonEmpty = { type: "string", minLength: 1 } as const;

export function apiSchemas(model: RuleModel, add: AddSchema): void {
  add(SCHEMA.error, {
    title: "Error",
    description: "the TMF Error body of every 4xx and 5xx answer (docs/rules.md §2)",
    type: "object",
    required: ["code", "reason", "message", "status", "@type"],
    properties: {
      code: nonEmpty,
      reason: nonEmpty,
      message: nonEmpty,
      status: { type: "string", pattern: "^[1-5][0-9]{2}$", description: "an HTTP status code" },
      "@type": { const: "Error" },
    },
  });
  const { callbackSchemes, eventTypeParameter } = model.events.hub;
  add(SCHEMA.hubInput, {
    title: "a hub subscription (callback, query)",
    type: "object",
    required: ["callback"],
    properties: {
      callback: {
        type: "string",
        format: "uri",
        description: `an absolute ${callbackSchemes.join(" or ")} URL without query or fragment; events go to {callback}/listener/{eventName}`,
      },
      query: {
        // null as absent: TMF's own examples send "query": null.
        type: ["string", "null"],
        description: `the list filter syntax, plus ${eventTypeParameter}=<name>[,<name>]`,
      },
    },
    additionalProperties: false,
  });
  add(SCHEMA.hubSubscription, {
    title: "EventSubscription",
    type: "object",
    required: ["id", "callback"],
    properties: { id: nonEmpty, callback: { type: "string", format: "uri" }, query: { type: "string" } },
  });
  eventSchemas(model, add);
  add(SCHEMA.controlStatus, {
    title: "a control transition (status, reason)",
    type: "object",
    required: ["status"],
    properties: { status: { type: "string", enum: [...model.lifecycle.states] }, reason: { type: "string" } },
    additionalProperties: false,
  });
}

/**
 * One envelope per event type (eventType fixed; fieldPath required where every rule
 * of the type sends one: attribute changes and rules with a fieldPath), and Event,
 * which picks the envelope by eventType.
 */
function eventSchemas(model: RuleModel, add: AddSchema): void {
  const rules = model.events.rules;
  const types = eventTypes(model);
  for (const t of types) {
    const own = rules.filter((r) => r.eventType === t);
    const alwaysFieldPath = own.every((r) => r.on === "attributeChange" || (r.fieldPath ?? "") !== "");
    add(eventName(t), envelope(model, { const: t }, alwaysFieldPath, `the ${t} envelope`));
  }
  add(SCHEMA.event, {
    description: `an event of this profile (${types.join(", ")})`,
    if: { required: ["eventType"], properties: { eventType: { enum: types } } },
    then: { allOf: types.map((t) => ({ if: { properties: { eventType: { const: t } } }, then: ref(eventName(t)) })) },
    else: envelope(model, { type: "string", enum: types }, false),
  });
}

function envelope(model: RuleModel, eventType: Schema, fieldPathRequired: boolean, description?: string): Schema {
  const root = ticketName(model);
  const names = model.root.fields.map((f) => escapeRegExp(f.name)).join("|");
  const key = model.events.payloadKey;
  return strip({
    description,
    type: "object",
    required: ["eventId", "eventTime", "eventType", ...(fieldPathRequired ? ["fieldPath"] : []), "event"],
    properties: {
      eventId: nonEmpty,
      eventTime: { type: "string", format: "date-time" },
      eventType,
      correlationId: {
        type: "string",
        description:
          model.events.correlationField === undefined
            ? "the client's correlation id"
            : `the ticket's ${model.events.correlationField}`,
      },
      fieldPath: {
        type: "string",
        pattern: `^\\s*(?:${names})\\s*(?:,\\s*(?:${names})\\s*)*$`,
        description: `comma-separated ${root} fields`,
      },
      event: {
        type: "object",
        required: [key],
        properties: { [key]: { ...ref(root), description: `the whole ${root} after the change` } },
      },
    },
  });
}

/** Escapes what a pattern (ECMA-262, unicode mode) reads as syntax; nothing else may be escaped there. */
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
