// Names of the derived JSON Schemas (schemas.ts) and the small helpers their
// derivation shares. A schema names another as "#/$defs/Name".
import type { JsonSchema, Model, Operation } from "./model.ts";

export type Schema = Record<string, unknown>;
/** What the derivation reads: the model before its schemas are attached. */
export type RuleModel = Omit<Model, "schemas">;
export type AddSchema = (name: string, schema: JsonSchema) => void;

export const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** The schemas whose names do not depend on the profile. */
export const SCHEMA = {
  /** The TMF Error body (docs/rules.md §2). */
  error: "Error",
  /** POST /hub input. */
  hubInput: "EventSubscriptionInput",
  /** The hub's 201 answer. */
  hubSubscription: "EventSubscription",
  /** Any event of the profile: its eventType selects the envelope. */
  event: "Event",
  /** POST /__control/{resource}/{id}/status. */
  controlStatus: "ControlStatusChange",
  /** PATCH /__control/{resource}/{id}: the profile's providerFields. */
  controlPatch: "ControlPatch",
} as const;

const OP_NAME: Readonly<Record<Operation, string>> = { POST: "Create", PATCH: "Update" };
export const opName = (op: Operation): string => OP_NAME[op];

/** The ticket as the server returns it (the root object's name). */
export const ticketName = (m: Pick<Model, "root">): string => m.root.name;
/** One column of rules: a request body of one ticket type and operation. */
export const requestName = (m: Pick<Model, "root">, ticketType: string, op: Operation): string =>
  `${m.root.name}_${OP_NAME[op]}_${ticketType}`;
/** A request body of an operation, whatever its ticket type. */
export const bodyName = (m: Pick<Model, "root">, op: Operation): string => `${m.root.name}_${OP_NAME[op]}`;
/** The envelope of one event type. */
export const eventName = (eventType: string): string => eventType;

export const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });

/** Drops keys whose value is undefined. */
export function strip(o: Schema): Schema {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
