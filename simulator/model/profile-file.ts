// The shape of a profile file as written in fixtures/profile/*.json.
// fixtures/schema/profile.schema.json is its validating twin; keep them in step.

export type Provenance = "seed" | "TMF" | "chosen";
export type Letter = "R" | "O" | "P" | "-";
export type Operation = "POST" | "PATCH";

export type Predicate =
  | { field: string; present: boolean }
  | { field: string; in: ReadonlyArray<string | number | boolean> };

export interface CellObject {
  rule: Letter | "PD";
  provenance?: Provenance;
  description?: string;
  when?: Predicate;
  then?: Letter;
  otherwise?: Letter;
  values?: "operatorTransitions";
}

export type CellFile = Letter | CellObject;
export type RulesFile = Letter | Record<string, Record<string, CellFile>>;

export type ServerSet = "id" | "href" | "createdAt" | "updatedAt" | "statusChangedAt" | "initialStatus" | "default";

export interface FieldFile {
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
  provenance: Provenance;
  source?: string;
}

export interface Choice<T> {
  value: T;
  provenance: Provenance;
  source?: string;
}

export interface TransitionFile {
  from: string[];
  to: string[];
  provenance: Provenance;
  source?: string;
}

export interface OnEnterFile {
  field: string;
  value: unknown;
  keep?: boolean;
  ticketTypes?: string[];
  provenance: Provenance;
  source?: string;
}

export type CompareOperator = "gt" | "gte" | "lt" | "lte" | "eq";
export type EventTrigger = "create" | "statusChange" | "enter" | "attributeChange";

export interface ProfileFile {
  $schema?: string;
  id: string;
  title: string;
  source?: string;
  api: { basePath: Choice<string>; resource: string; hub: string; bodyLimitBytes: Choice<number> };
  root: string;
  operations: Operation[];
  /** The rule columns; without `field` there is exactly one and no body field selects it. */
  ticketTypes: { field?: string; values: string[]; default: string; provenance: Provenance; source?: string };
  enums: Record<string, { values: string[]; provenance: Provenance; source?: string }>;
  objects: Record<string, { fields: Record<string, FieldFile> }>;
  patch: { contentTypes: string[]; provenance: Provenance; source?: string };
  unknownFields: { rule: "reject" | "ignore"; provenance: Provenance; source?: string };
  lifecycle: {
    field: string;
    reasonField?: string;
    changeDateField: string;
    initial: Choice<string>;
    final: { values: string[]; provenance: Provenance; source?: string };
    provider: TransitionFile[];
    operator: TransitionFile[];
    onAppend?: Array<{ from: string[]; fields: string[]; to: string; provenance: Provenance; source?: string }>;
    onEnter?: Record<string, OnEnterFile[]>;
    autoplay?: string[];
  };
  providerFields: { fields: string[]; provenance: Provenance; source?: string };
  filtering: {
    fields: Array<{ field: string; aliases?: string[]; provenance: Provenance; source?: string }>;
    operators: Partial<Record<"date-time" | "integer" | "number", CompareOperator[]>>;
    reserved: { fields: string; offset: string; limit: string };
    unknownParameters: { rule: "reject" | "ignore"; provenance: Provenance; source?: string };
    order: { by: Array<{ field: string; direction: "asc" | "desc" }>; provenance: Provenance; source?: string };
    dateOnly?: { rule: "midnightUTC" | "reject"; provenance: Provenance; source?: string };
    limit: { default: number; max: number; provenance: Provenance; source?: string };
  };
  events: {
    payloadKey: string;
    /** A root field copied into every event envelope's correlationId. */
    correlationField?: string;
    listenerPath: { style: "lowerFirst" | "asIs"; provenance: Provenance; source?: string };
    successStatus: "2xx" | "200";
    rules: Array<{
      eventType: string;
      on: EventTrigger;
      state?: string;
      fieldPath?: string;
      provenance: Provenance;
      source?: string;
    }>;
    hub: { callbackSchemes: string[]; eventTypeParameter: string; provenance: Provenance; source?: string };
  };
}
