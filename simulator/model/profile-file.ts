// The shape of a profile file as written in fixtures/profile/*.json.
// fixtures/schema/profile.schema.json is its validating twin; keep them in step
// (simulator/model/load.test.ts loads every profile through both).

export type Provenance = "seed" | "TMF" | "chosen";
export type Letter = "R" | "O" | "P" | "-";
export type Operation = "POST" | "PATCH";

/** Where a rule comes from: seed (the document), TMF (the standard) or chosen (this project). */
export interface Sourced {
  provenance: Provenance;
  /** What the source says, in a few words. */
  source?: string;
  /** The project's rationale, where the rule needs more than its source (docs/rules.md shows it). */
  note?: string;
}

export type Predicate =
  | { field: string; present: boolean }
  | { field: string; in: ReadonlyArray<string | number | boolean> };

export interface CellObject extends Partial<Sourced> {
  rule: Letter | "PD";
  description?: string;
  when?: Predicate;
  then?: Letter;
  otherwise?: Letter;
  values?: "operatorTransitions";
}

export type CellFile = Letter | CellObject;
export type RulesFile = Letter | Record<string, Record<string, CellFile>>;

export type ServerSet = "id" | "href" | "createdAt" | "updatedAt" | "statusChangedAt" | "initialStatus" | "default";

export interface FieldFile extends Sourced {
  type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  format?: "date-time" | "uri" | "base64";
  enum?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  items?: string;
  ref?: string;
  server?: ServerSet;
  default?: unknown;
  onPatch?: "replace" | "append";
  rules: RulesFile;
}

export interface Choice<T> extends Sourced {
  value: T;
}

export interface TransitionFile extends Sourced {
  from: string[];
  to: string[];
}

export interface OnEnterFile extends Sourced {
  field: string;
  value: unknown;
  keep?: boolean;
  ticketTypes?: string[];
}

/** Fields removed from the ticket when it moves from one of `from` to one of `to`. */
export interface OnLeaveFile extends Sourced {
  from: string[];
  to: string[];
  clear: string[];
}

export interface OnAppendFile extends Sourced {
  from: string[];
  fields: string[];
  to: string;
}

export type CompareOperator = "gt" | "gte" | "lt" | "lte" | "eq";
export type EventTrigger = "create" | "statusChange" | "enter" | "attributeChange";

export interface EventRuleFile extends Sourced {
  eventType: string;
  on: EventTrigger;
  state?: string;
  fieldPath?: string;
}

export interface ProfileFile {
  $schema?: string;
  id: string;
  title: string;
  source?: string;
  note?: string;
  api: { basePath: Choice<string>; resource: string; hub: string; bodyLimitBytes: Choice<number> };
  root: string;
  operations: Operation[];
  /** The rule columns; without `field` there is exactly one and no body field selects it. */
  ticketTypes: { field?: string; values: string[]; default: string } & Sourced;
  enums: Record<string, { values: string[] } & Sourced>;
  objects: Record<string, { fields: Record<string, FieldFile> }>;
  patch: { contentTypes: string[] } & Sourced;
  unknownFields: { rule: "reject" | "ignore" } & Sourced;
  lifecycle: {
    field: string;
    reasonField?: string;
    changeDateField: string;
    initial: Choice<string>;
    final: { values: string[] } & Sourced;
    provider: TransitionFile[];
    operator: TransitionFile[];
    onAppend?: OnAppendFile[];
    onEnter?: Record<string, OnEnterFile[]>;
    onLeave?: OnLeaveFile[];
    autoplay?: string[];
  };
  providerFields: { fields: string[] } & Sourced;
  filtering: {
    fields: Array<{ field: string; aliases?: string[] } & Sourced>;
    operators: Partial<Record<"date-time" | "integer" | "number", CompareOperator[]>>;
    reserved: { fields: string; offset: string; limit: string };
    unknownParameters: { rule: "reject" | "ignore" } & Sourced;
    order: { by: Array<{ field: string; direction: "asc" | "desc" }> } & Sourced;
    dateOnly?: { rule: "midnightUTC" | "reject" } & Sourced;
    limit: { default: number; max: number } & Sourced;
  };
  events: {
    payloadKey: string;
    /** A root field copied into every event envelope's correlationId. */
    correlationField?: string;
    listenerPath: { style: "lowerFirst" | "asIs" } & Sourced;
    successStatus: "2xx" | "200";
    rules: EventRuleFile[];
    hub: {
      callbackSchemes: string[];
      eventTypeParameter: string;
      /** Present when DELETE of the hub itself removes every subscription of the operator. */
      reset?: Sourced;
    } & Sourced;
  };
}
