// The rule model: a typed, frozen view of one profile, derived once at load.
// Plain data and functions only: both the simulator and the suites read it.
import type {
  CompareOperator,
  Letter,
  Operation,
  Predicate,
  ProfileFile,
  Provenance,
  ServerSet,
} from "./profile-file.ts";

export type { CompareOperator, Letter, Operation, Predicate, Provenance } from "./profile-file.ts";

export interface Cell {
  readonly rule: Letter | "PD";
  readonly provenance: Provenance;
  readonly source?: string;
  readonly note?: string;
  readonly description?: string;
  readonly when?: Predicate;
  readonly then?: Letter;
  readonly otherwise?: Letter;
  readonly values?: "operatorTransitions";
}

export type FieldType = "string" | "integer" | "number" | "boolean" | "array" | "object";

export interface FieldModel {
  readonly name: string;
  /** Dotted path from the root resource, e.g. `relatedParty.role`. */
  readonly path: string;
  readonly type: FieldType;
  readonly format?: "date-time" | "uri" | "base64";
  readonly enumName?: string;
  readonly enumValues?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  /** The object model of array items or of an object value, when the profile defines one. */
  readonly object?: ObjectModel;
  readonly server?: ServerSet;
  readonly default?: unknown;
  readonly onPatch: "replace" | "append";
  /** cells[ticketType][operation] */
  readonly cells: Readonly<Record<string, Readonly<Record<Operation, Cell>>>>;
  readonly provenance: Provenance;
  readonly source?: string;
  readonly note?: string;
}

export interface ObjectModel {
  readonly name: string;
  readonly fields: readonly FieldModel[];
  readonly byName: ReadonlyMap<string, FieldModel>;
}

export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly provenance: Provenance;
  readonly source?: string;
  readonly note?: string;
}

export interface LifecycleModel {
  readonly field: string;
  readonly reasonField?: string;
  readonly changeDateField: string;
  readonly states: readonly string[];
  readonly initial: string;
  readonly final: ReadonlySet<string>;
  readonly provider: readonly Transition[];
  readonly operator: readonly Transition[];
  readonly onAppend: ProfileFile["lifecycle"]["onAppend"] & {};
  readonly onEnter: Readonly<NonNullable<ProfileFile["lifecycle"]["onEnter"]>>;
  readonly onLeave: NonNullable<ProfileFile["lifecycle"]["onLeave"]>;
  readonly autoplay: readonly string[];
}

export interface FilterField {
  readonly field: FieldModel;
  /** Every query-parameter name that addresses this field (its own name first). */
  readonly names: readonly string[];
  readonly operators: readonly CompareOperator[];
  readonly provenance: Provenance;
}

/** A JSON Schema (draft 2020-12) as plain data. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/**
 * The JSON Schemas derived from the rules at load (schemas.ts): one document whose
 * $defs hold them all, each naming the others as "#/$defs/Name".
 */
export interface ModelSchemas {
  readonly $schema: string;
  readonly $defs: Readonly<Record<string, JsonSchema>>;
}

export interface Model {
  readonly file: Readonly<ProfileFile>;
  readonly id: string;
  readonly title: string;
  readonly basePath: string;
  readonly resource: string;
  readonly hubPath: string;
  readonly bodyLimitBytes: number;
  readonly operations: readonly Operation[];
  /** The root field a POST names its ticket type in; undefined when the profile has one type and no such field. */
  readonly ticketTypeField?: string;
  readonly ticketTypes: readonly string[];
  readonly defaultTicketType: string;
  readonly root: ObjectModel;
  readonly objects: ReadonlyMap<string, ObjectModel>;
  readonly enums: ReadonlyMap<string, readonly string[]>;
  /** The root field the server fills with its id (every profile has one). */
  readonly idField: string;
  /** Root fields by what the server fills them with (id, href, createdAt, ...), where the profile has one. */
  readonly serverFields: Readonly<Partial<Record<Exclude<ServerSet, "default">, string>>>;
  readonly patchContentTypes: readonly string[];
  readonly rejectUnknownFields: boolean;
  readonly lifecycle: LifecycleModel;
  readonly providerFields: readonly string[];
  readonly filterFields: ReadonlyMap<string, FilterField>;
  readonly filterFieldList: readonly FilterField[];
  readonly reserved: ProfileFile["filtering"]["reserved"];
  readonly rejectUnknownParameters: boolean;
  /** filtering.order, ending with the id (ascending) when the profile does not place it: no two tickets tie. */
  readonly order: ProfileFile["filtering"]["order"]["by"];
  /** A date alone in a date-time filter means midnight UTC (else it is rejected). */
  readonly dateOnlyMidnightUtc: boolean;
  readonly limit: { readonly default: number; readonly max: number };
  readonly events: ProfileFile["events"];
  /** Every shape the profile implies, as JSON Schema; judged through schema-check.ts. */
  readonly schemas: ModelSchemas;
}

/** Resolves a cell to a plain letter for one request body (PD conditions read the body). */
export function resolveCell(cell: Cell, body: Readonly<Record<string, unknown>>): Letter {
  if (cell.rule !== "PD") return cell.rule;
  if (cell.when === undefined) return cell.then ?? "O";
  return holds(cell.when, body) ? (cell.then ?? "O") : (cell.otherwise ?? "O");
}

export function holds(p: Predicate, body: Readonly<Record<string, unknown>>): boolean {
  const present = Object.hasOwn(body, p.field) && body[p.field] !== undefined;
  if ("present" in p) return present === p.present;
  return present && p.in.includes(body[p.field] as string | number | boolean);
}

export function cellOf(field: FieldModel, ticketType: string, op: Operation): Cell {
  const cell = field.cells[ticketType]?.[op];
  if (cell === undefined) throw new Error(`profile has no ${op} rule for ${field.path} and ${ticketType}`);
  return cell;
}

/** A field whose rule is "-" in every cell: never stored, never returned, not selectable (docs/rules.md §4). */
export function isUnsupported(f: FieldModel): boolean {
  return Object.values(f.cells).every((ops) => Object.values(ops).every((c) => c.rule === "-"));
}

/** The ticket type whose rules apply to a stored ticket (or a body): its type field, else the default. */
export function ticketTypeOf(model: Model, t: Readonly<Record<string, unknown>>): string {
  const v = model.ticketTypeField === undefined ? undefined : t[model.ticketTypeField];
  return typeof v === "string" && model.ticketTypes.includes(v) ? v : model.defaultTicketType;
}

/** Transitions allowed from a state, for one side of the lifecycle. */
export function targetsFrom(ts: readonly Transition[], from: string): string[] {
  return ts.filter((t) => t.from === from).map((t) => t.to);
}

export function canMove(ts: readonly Transition[], from: string, to: string): boolean {
  return ts.some((t) => t.from === from && t.to === to);
}

/** The listener path segment of an event type, per the profile's capitalisation. */
export function listenerName(model: Pick<Model, "events">, eventType: string): string {
  return spelled(eventType, model.events.listenerPath.style);
}

/** An event type spelled in a listener path style: TMF's lower-case first letter, or as the document writes it. */
export function spelled(eventType: string, style: Model["events"]["listenerPath"]["style"]): string {
  return style === "lowerFirst" ? eventType.charAt(0).toLowerCase() + eventType.slice(1) : eventType;
}

/**
 * The root fields a status change from -> to sets or clears by itself (lifecycle
 * onEnter and onLeave, e.g. resolutionDate): they belong to that status change, so
 * no attribute change is reported for them (docs/rules.md §6).
 */
export function statusChangeFields(model: Model, from: string, to: string): string[] {
  const lc = model.lifecycle;
  const set = (lc.onEnter[to] ?? []).map((x) => x.field);
  const cleared = lc.onLeave.filter((x) => x.from.includes(from) && x.to.includes(to)).flatMap((x) => x.clear);
  return [...new Set([...set, ...cleared])];
}

/** Every event type the profile can send, in rule order, without repeats. */
export function eventTypes(model: Pick<Model, "events">): string[] {
  return [...new Set(model.events.rules.map((r) => r.eventType))];
}
