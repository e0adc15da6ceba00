// Reads a profile file, validates it (schema + cross-references), and builds the
// frozen rule model. Every problem is listed in one ProfileError.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Cell, FieldModel, FilterField, Model, ObjectModel, Transition } from "./model.ts";
import type { CellFile, FieldFile, Operation, ProfileFile, TransitionFile } from "./profile-file.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, "../../fixtures");
export const DEFAULT_PROFILE = resolve(FIXTURES, "profile/nexera.json");
const SCHEMA = resolve(FIXTURES, "schema/profile.schema.json");

export class ProfileError extends Error {
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super(`invalid profile ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProfileError";
    this.problems = problems;
  }
}

let validateFile: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;
function schemaValidator() {
  if (!validateFile) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    validateFile = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  }
  return validateFile;
}

export function loadProfile(path: string = DEFAULT_PROFILE): Model {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ProfileError(path, [(e as Error).message]);
  }
  return buildModel(data, path);
}

export function buildModel(data: unknown, source = "(inline)"): Model {
  const validate = schemaValidator();
  if (!validate(data)) {
    const errs = (validate.errors ?? []) as Array<{
      instancePath: string;
      message?: string;
      params?: Record<string, unknown>;
    }>;
    throw new ProfileError(source, errs.map(formatAjvError));
  }
  const file = data as ProfileFile;
  const problems: string[] = [];
  const model = compile(file, problems);
  if (problems.length > 0) throw new ProfileError(source, problems);
  return deepFreeze(model);
}

function formatAjvError(e: { instancePath: string; message?: string; params?: Record<string, unknown> }): string {
  const at = e.instancePath || "(top level)";
  if (e.params && "additionalProperty" in e.params)
    return `${at}: unknown key "${String(e.params.additionalProperty)}"`;
  if (e.params && "allowedValues" in e.params) return `${at}: ${e.message} (${JSON.stringify(e.params.allowedValues)})`;
  return `${at}: ${e.message ?? "invalid"}`;
}

function compile(file: ProfileFile, problems: string[]): Model {
  const types = file.ticketTypes.values;
  const ops = file.operations;
  const enums = new Map(Object.entries(file.enums).map(([k, v]) => [k, v.values] as const));
  const objects = new Map<string, ObjectModel>();

  const buildObject = (name: string, prefix: string, trail: readonly string[]): ObjectModel | undefined => {
    const def = file.objects[name];
    if (!def) return undefined;
    if (trail.includes(name)) {
      problems.push(`object ${name} contains itself (${[...trail, name].join(" -> ")})`);
      return undefined;
    }
    const fields: FieldModel[] = [];
    for (const [fname, f] of Object.entries(def.fields)) {
      const path = prefix ? `${prefix}.${fname}` : fname;
      fields.push(buildField(fname, path, f, def.fields, [...trail, name]));
    }
    const obj: ObjectModel = { name, fields, byName: new Map(fields.map((f) => [f.name, f])) };
    if (!objects.has(name)) objects.set(name, obj);
    return obj;
  };

  const buildField = (
    name: string,
    path: string,
    f: FieldFile,
    siblings: Record<string, FieldFile>,
    trail: readonly string[],
  ): FieldModel => {
    let object: ObjectModel | undefined;
    const objName = f.type === "array" ? f.items : f.ref;
    if (f.type === "array" && f.items === undefined) problems.push(`${path}: an array field needs "items"`);
    if (objName !== undefined) {
      if (!file.objects[objName]) problems.push(`${path}: unknown object "${objName}"`);
      else object = buildObject(objName, path, trail);
    }
    let enumValues: readonly string[] | undefined;
    if (f.enum !== undefined) {
      enumValues = enums.get(f.enum);
      if (!enumValues) problems.push(`${path}: unknown enum "${f.enum}"`);
    }
    if (f.server === "default" && f.default === undefined)
      problems.push(`${path}: server "default" needs a "default" value`);
    const cells = buildCells(path, f, siblings);
    return strip({
      name,
      path,
      type: f.type,
      format: f.format,
      enumName: f.enum,
      enumValues,
      minimum: f.minimum,
      maximum: f.maximum,
      minLength: f.minLength,
      minItems: f.minItems,
      object,
      server: f.server,
      default: f.default,
      onPatch: f.onPatch ?? "replace",
      cells,
      provenance: f.provenance,
      source: f.source,
    }) as FieldModel;
  };

  const buildCells = (path: string, f: FieldFile, siblings: Record<string, FieldFile>) => {
    const cells: Record<string, Record<Operation, Cell>> = {};
    if (typeof f.rules === "string") {
      for (const t of types)
        cells[t] = Object.fromEntries(ops.map((op) => [op, { rule: f.rules, provenance: f.provenance }])) as Record<
          Operation,
          Cell
        >;
      return cells;
    }
    for (const t of Object.keys(f.rules))
      if (!types.includes(t)) problems.push(`${path}: rules name unknown ticket type "${t}"`);
    for (const t of types) {
      const row = f.rules[t];
      if (!row) {
        problems.push(`${path}: no rules for ticket type "${t}"`);
        continue;
      }
      for (const op of Object.keys(row))
        if (!ops.includes(op as Operation)) problems.push(`${path}: rules name unknown operation "${op}" for ${t}`);
      const out = {} as Record<Operation, Cell>;
      for (const op of ops) {
        const c = row[op];
        if (c === undefined) problems.push(`${path}: no ${op} rule for ticket type "${t}"`);
        else out[op] = buildCell(`${path} (${t} ${op})`, c, f, siblings);
      }
      cells[t] = out;
    }
    return cells;
  };

  const buildCell = (where: string, c: CellFile, f: FieldFile, siblings: Record<string, FieldFile>): Cell => {
    if (typeof c === "string") return { rule: c, provenance: f.provenance };
    if (c.rule === "PD") {
      if (c.then === undefined) problems.push(`${where}: a PD rule needs "then"`);
      if (c.when !== undefined && c.otherwise === undefined)
        problems.push(`${where}: a PD rule with "when" needs "otherwise"`);
      if (c.when !== undefined && !Object.hasOwn(siblings, c.when.field))
        problems.push(`${where}: condition names unknown field "${c.when.field}"`);
    } else if (c.when !== undefined || c.then !== undefined || c.otherwise !== undefined) {
      problems.push(`${where}: only a PD rule takes "when", "then" or "otherwise"`);
    }
    return strip({ ...c, provenance: c.provenance ?? f.provenance }) as Cell;
  };

  const root = buildObject(file.root, "", []);
  if (!root) {
    problems.push(`root object "${file.root}" is not defined in "objects"`);
    return {} as Model;
  }
  const rootField = (name: string, where: string) => {
    const f = root.byName.get(name);
    if (!f) problems.push(`${where}: unknown field "${name}"`);
    return f;
  };

  // Ticket types
  if (file.ticketTypes.field !== undefined) rootField(file.ticketTypes.field, "ticketTypes.field");
  else if (types.length !== 1)
    problems.push('ticketTypes: without a "field" to select one, there must be exactly one ticket type');
  if (!types.includes(file.ticketTypes.default))
    problems.push(`ticketTypes.default "${file.ticketTypes.default}" is not one of its values`);

  // Lifecycle
  const lc = file.lifecycle;
  const statusField = rootField(lc.field, "lifecycle.field");
  const states = statusField?.enumValues ?? [];
  if (statusField && !statusField.enumValues) problems.push(`lifecycle.field "${lc.field}" needs an enum of states`);
  if (lc.reasonField !== undefined) rootField(lc.reasonField, "lifecycle.reasonField");
  rootField(lc.changeDateField, "lifecycle.changeDateField");
  const state = (s: string, where: string) => {
    if (statesKnown && !states.includes(s)) problems.push(`${where}: unknown state "${s}"`);
  };
  const statesKnown = states.length > 0;
  state(lc.initial.value, "lifecycle.initial");
  for (const s of lc.final.values) state(s, "lifecycle.final");
  const flat = (ts: TransitionFile[], side: string): Transition[] =>
    ts.flatMap((t, i) => {
      for (const s of t.from) state(s, `lifecycle.${side}[${i}].from`);
      for (const s of t.to) state(s, `lifecycle.${side}[${i}].to`);
      return t.from.flatMap((from) =>
        t.to.map((to) => strip({ from, to, provenance: t.provenance, source: t.source }) as Transition),
      );
    });
  const provider = flat(lc.provider, "provider");
  const operator = flat(lc.operator, "operator");
  for (const t of [...provider, ...operator]) {
    if (lc.final.values.includes(t.from))
      problems.push(`lifecycle: final state "${t.from}" has a transition to "${t.to}"`);
  }
  (lc.onAppend ?? []).forEach((a, i) => {
    for (const s of a.from) state(s, `lifecycle.onAppend[${i}].from`);
    state(a.to, `lifecycle.onAppend[${i}].to`);
    for (const f of a.fields) rootField(f, `lifecycle.onAppend[${i}].fields`);
  });
  for (const [s, sets] of Object.entries(lc.onEnter ?? {})) {
    state(s, "lifecycle.onEnter");
    sets.forEach((x, i) => {
      rootField(x.field, `lifecycle.onEnter.${s}[${i}]`);
      (x.ticketTypes ?? []).forEach((t) => {
        if (!types.includes(t)) problems.push(`lifecycle.onEnter.${s}[${i}]: unknown ticket type "${t}"`);
      });
    });
  }
  for (const s of lc.autoplay ?? []) state(s, "lifecycle.autoplay");
  for (const f of file.providerFields.fields) rootField(f, "providerFields");

  // Filtering
  const filterFieldList: FilterField[] = [];
  const filterFields = new Map<string, FilterField>();
  const reservedNames = Object.values(file.filtering.reserved);
  for (const ff of file.filtering.fields) {
    const field = rootField(ff.field, "filtering.fields");
    if (!field) continue;
    const kind =
      field.format === "date-time"
        ? "date-time"
        : field.type === "integer" || field.type === "number"
          ? field.type
          : undefined;
    const entry: FilterField = {
      field,
      names: [ff.field, ...(ff.aliases ?? [])],
      operators: kind ? (file.filtering.operators[kind] ?? []) : [],
      provenance: ff.provenance,
    };
    filterFieldList.push(entry);
    for (const n of entry.names) {
      if (filterFields.has(n) || reservedNames.includes(n))
        problems.push(`filtering.fields: parameter name "${n}" is used twice`);
      filterFields.set(n, entry);
    }
  }
  for (const o of file.filtering.order.by) rootField(o.field, "filtering.order");
  const idFieldName = root.fields.find((f) => f.server === "id")?.name;
  if (file.filtering.limit.default > file.filtering.limit.max) problems.push("filtering.limit: default is above max");

  // Events
  if (file.events.correlationField !== undefined) rootField(file.events.correlationField, "events.correlationField");
  file.events.rules.forEach((r, i) => {
    if (r.on === "enter") {
      if (r.state === undefined) problems.push(`events.rules[${i}]: an "enter" rule needs "state"`);
      else state(r.state, `events.rules[${i}].state`);
    }
    for (const f of (r.fieldPath ?? "").split(",").filter(Boolean)) rootField(f, `events.rules[${i}].fieldPath`);
  });

  return {
    file,
    id: file.id,
    title: file.title,
    basePath: file.api.basePath.value.replace(/\/+$/, ""),
    resource: file.api.resource,
    hubPath: file.api.hub,
    bodyLimitBytes: file.api.bodyLimitBytes.value,
    operations: ops,
    ...(file.ticketTypes.field !== undefined ? { ticketTypeField: file.ticketTypes.field } : {}),
    ticketTypes: types,
    defaultTicketType: file.ticketTypes.default,
    root,
    objects,
    enums,
    patchContentTypes: file.patch.contentTypes,
    rejectUnknownFields: file.unknownFields.rule === "reject",
    lifecycle: {
      field: lc.field,
      ...(lc.reasonField !== undefined ? { reasonField: lc.reasonField } : {}),
      changeDateField: lc.changeDateField,
      states,
      initial: lc.initial.value,
      final: new Set(lc.final.values),
      provider,
      operator,
      onAppend: lc.onAppend ?? [],
      onEnter: lc.onEnter ?? {},
      autoplay: lc.autoplay ?? [],
    },
    providerFields: file.providerFields.fields,
    filterFields,
    filterFieldList,
    reserved: file.filtering.reserved,
    rejectUnknownParameters: file.filtering.unknownParameters.rule === "reject",
    // The id ends every order (ascending) unless the profile places it, so no two tickets tie and pages are stable.
    order:
      file.filtering.order.by.some((o) => o.field === idFieldName) || idFieldName === undefined
        ? file.filtering.order.by
        : [...file.filtering.order.by, { field: idFieldName, direction: "asc" as const }],
    dateOnlyMidnightUtc: (file.filtering.dateOnly?.rule ?? "midnightUTC") === "midnightUTC",
    limit: { default: file.filtering.limit.default, max: file.filtering.limit.max },
    events: file.events,
  };
}

/** Drops keys whose value is undefined (exactOptionalPropertyTypes). */
function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

function deepFreeze<T>(o: T, seen = new WeakSet<object>()): T {
  if (o === null || typeof o !== "object" || seen.has(o)) return o;
  seen.add(o);
  if (o instanceof Map) for (const v of o.values()) deepFreeze(v, seen);
  else if (o instanceof Set) for (const v of o.values()) deepFreeze(v, seen);
  else for (const v of Object.values(o)) deepFreeze(v, seen);
  return Object.freeze(o);
}
