// JSON Schemas (draft 2020-12) derived from the rule model once, at load (build.ts):
// the ticket as the server returns it, each request body per ticket type x operation
// and the control PATCH; schemas-api.ts adds the event envelopes, the hub bodies, the
// Error body and the control transition. ajv judges with them (schema-check.ts); the
// OpenAPI document embeds them. Every rule comes from the model; no field is named here.
import { SCHEMA_FORMAT } from "./formats.ts";
import type { Cell, FieldModel, JsonSchema, Letter, ModelSchemas, ObjectModel, Operation, Predicate } from "./model.ts";
import { cellOf, isUnsupported } from "./model.ts";
import type { AddSchema, RuleModel, Schema } from "./schema-names.ts";
import { bodyName, DIALECT, opName, ref, requestName, SCHEMA, strip } from "./schema-names.ts";
import { apiSchemas } from "./schemas-api.ts";

export function deriveSchemas(model: RuleModel): ModelSchemas {
  const defs: Record<string, JsonSchema> = {};
  const add: AddSchema = (name, schema) => {
    // A profile object named like another schema (e.g. "Error") would shadow it.
    if (Object.hasOwn(defs, name)) throw new Error(`profile ${model.id}: two schemas would be named ${name}`);
    defs[name] = schema;
  };
  responseSchemas(model, add);
  const nested = requestSchemas(model, add);
  add(SCHEMA.controlPatch, controlPatch(model, nested));
  apiSchemas(model, add);
  return { $schema: DIALECT, $defs: defs };
}

/** The ticket and its sub-objects as returned: server-set fields required, "-" fields absent. */
function responseSchemas(model: RuleModel, add: AddSchema): void {
  const done = new Set<string>();
  const object = (obj: ObjectModel): string => {
    if (done.has(obj.name)) return obj.name;
    done.add(obj.name); // before the fields: objects may nest
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const f of obj.fields) {
      // "-": not stored and not returned (docs/rules.md §4).
      if (isUnsupported(f)) properties[f.name] = false;
      else {
        const value = valueSchema(f, f.object ? ref(object(f.object)) : undefined);
        // The server's identifier names something: never empty.
        if (f.server === "id" && f.type === "string") value.minLength = Math.max(f.minLength ?? 0, 1);
        properties[f.name] = strip({ ...value, description: f.source });
      }
      // Responses always carry what the server set (docs/rules.md §4).
      if (f.server !== undefined) required.push(f.name);
    }
    add(obj.name, objectSchema(model, obj, properties, required, []));
    return obj.name;
  };
  object(model.root);
}

/**
 * The request bodies: per ticket type x operation, a dispatcher per operation, and the
 * sub-objects (shared when every ticket type has the same rules for them). Returns
 * the names of a sub-object's request schemas for an operation (one when shared).
 */
function requestSchemas(model: RuleModel, add: AddSchema): (obj: ObjectModel, op: Operation) => string[] {
  const names = new Map<string, Readonly<Record<string, string>>>(); // "Object op" -> ticket type -> name

  const nested = (obj: ObjectModel, op: Operation): Readonly<Record<string, string>> => {
    const key = `${obj.name} ${op}`;
    const known = names.get(key);
    if (known) return known;
    const perType = model.ticketTypes.map((t) => columnSchema(obj, op, t));
    const shared = perType.every((s) => JSON.stringify(s) === JSON.stringify(perType[0]));
    const byType = Object.fromEntries(
      model.ticketTypes.map((t) => [t, shared ? `${obj.name}_${opName(op)}` : `${obj.name}_${opName(op)}_${t}`]),
    );
    names.set(key, byType);
    if (shared) add(`${obj.name}_${opName(op)}`, perType[0]!);
    else for (const [i, t] of model.ticketTypes.entries()) add(byType[t]!, perType[i]!);
    return byType;
  };

  // One column of rules for one object: R required, P and "-" absent, O allowed, PD as if/then/else.
  const columnSchema = (obj: ObjectModel, op: Operation, t: string): Schema => {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const conditions: Schema[] = [];
    for (const f of obj.fields) {
      const cell = cellOf(f, t, op);
      const letters = lettersOf(cell);
      if (letters.every(absent)) {
        properties[f.name] = false;
        continue;
      }
      const inner = f.object ? ref(nested(f.object, op)[t]!) : undefined;
      const values = cell.values === "operatorTransitions" ? operatorTargets(model) : undefined;
      properties[f.name] = annotate(valueSchema(f, inner, values), cell, f);
      if (cell.rule === "PD" && cell.when !== undefined) {
        const c = conditional(f.name, cell.when, cell.then ?? "O", cell.otherwise ?? "O");
        if (c) conditions.push(c);
      } else if (letters[0] === "R") required.push(f.name);
    }
    return objectSchema(model, obj, properties, required, conditions);
  };

  for (const op of model.operations) {
    const columns = model.ticketTypes.map((t) => columnSchema(model.root, op, t));
    for (const [i, t] of model.ticketTypes.entries())
      add(requestName(model, t, op), {
        ...columns[i],
        description: `${model.root.name} ${op} body: the rules of ${t}`,
      });
    add(bodyName(model, op), dispatcher(model, op, columns));
  }
  return (obj, op) => [...new Set(Object.values(nested(obj, op)))];
}

/**
 * A body of any ticket type. A POST names its type in the type field, as
 * ticketTypeOf reads it: a type of the profile selects its column, anything else
 * the default's (whose enum then reports the unknown type). A PATCH takes the
 * stored ticket's type: one column when all agree, else any of them.
 */
function dispatcher(model: RuleModel, op: Operation, columns: readonly Schema[]): Schema {
  const types = model.ticketTypes;
  const only = (t: string): Schema => ({ ...ref(requestName(model, t, op)) });
  const description = `${model.root.name} ${op} body`;
  const field = model.ticketTypeField;
  if (op === "POST" && field !== undefined && types.length > 1) {
    const others = types.filter((t) => t !== model.defaultTicketType);
    const named = (values: readonly string[]): Schema => ({
      required: [field],
      properties: { [field]: { enum: values } },
    });
    return {
      description: `${description}: its ${field} selects the rules (absent or unknown: ${model.defaultTicketType})`,
      type: "object",
      allOf: types.map((t) => ({
        if: t === model.defaultTicketType ? { not: named(others) } : named([t]),
        then: only(t),
      })),
    };
  }
  const same = columns.every((c) => JSON.stringify(c) === JSON.stringify(columns[0]));
  if (same || types.length === 1) return { description, ...only(types[0]!) };
  return { description: `${description}: the rules of the stored ticket's type`, anyOf: types.map(only) };
}

function objectSchema(
  model: RuleModel,
  obj: ObjectModel,
  properties: Record<string, JsonSchema>,
  required: readonly string[],
  conditions: readonly Schema[],
): Schema {
  return strip({
    title: obj.name,
    type: "object",
    properties,
    required: required.length > 0 ? [...required] : undefined,
    allOf: conditions.length > 0 ? [...conditions] : undefined,
    // docs/rules.md §4 (profile unknownFields): a field the profile does not know.
    additionalProperties: model.rejectUnknownFields ? false : undefined,
  });
}

/** The value schema of one field: type, format, enum and bounds from the model. */
function valueSchema(f: FieldModel, nested?: Schema, enumOverride?: readonly string[]): Schema {
  if (f.type === "array") return strip({ type: "array", items: nested ?? { type: "object" }, minItems: f.minItems });
  if (f.type === "object") return nested ? { ...nested } : { type: "object" };
  const values = enumOverride ?? f.enumValues;
  return strip({
    type: f.type,
    format: f.format === undefined ? undefined : SCHEMA_FORMAT[f.format],
    contentEncoding: f.format === "base64" ? "base64" : undefined,
    enum: values ? [...values] : undefined,
    minimum: f.minimum,
    maximum: f.maximum,
    minLength: f.minLength,
  });
}

/** The states an operator may ask for (a PD cell with values: operatorTransitions). */
function operatorTargets(model: RuleModel): string[] {
  return [...new Set(model.lifecycle.operator.map((t) => t.to))];
}

function lettersOf(cell: Cell): Letter[] {
  if (cell.rule !== "PD") return [cell.rule];
  return cell.when === undefined ? [cell.then ?? "O"] : [cell.then ?? "O", cell.otherwise ?? "O"];
}

const absent = (l: Letter): boolean => l === "P" || l === "-";

function annotate(s: Schema, cell: Cell, f: FieldModel): Schema {
  return strip({
    ...s,
    description: cell.description ?? f.source,
    "x-rule": cell.rule === "PD" ? pdText(cell) : cell.rule,
    "x-provenance": cell.provenance,
  });
}

function pdText(cell: Cell): string {
  if (!cell.when) return `PD (${cell.then ?? "O"})`;
  const w = cell.when;
  const cond = "present" in w ? `${w.field} ${w.present ? "present" : "absent"}` : `${w.field} in [${w.in.join(", ")}]`;
  return `PD: ${cell.then ?? "O"} when ${cond}, else ${cell.otherwise ?? "O"}`;
}

/** "if `when` holds, letter `then` for `field`, else `otherwise`"; undefined when both allow it. */
function conditional(field: string, when: Predicate, then: Letter, otherwise: Letter): Schema | undefined {
  const rule = (l: Letter): Schema | undefined =>
    l === "R" ? { required: [field] } : absent(l) ? { properties: { [field]: false } } : undefined;
  const a = rule(then);
  const b = rule(otherwise);
  if (!a && !b) return undefined;
  // resolveCell's reading (model.ts): "present" is a key with a value; "in" also needs one of the values.
  const cond: Schema =
    "present" in when
      ? when.present
        ? { required: [when.field] }
        : { not: { required: [when.field] } }
      : { required: [when.field], properties: { [when.field]: { enum: [...when.in] } } };
  return strip({ if: cond, then: a, else: b });
}

/**
 * The control PATCH (docs/rules.md §8): only the profile's providerFields, each
 * judged as an operator PATCH judges its value. A sub-object whose rules differ by
 * ticket type may take any type's shape here; core/validate.ts then applies the
 * stored ticket's.
 */
function controlPatch(model: RuleModel, nested: (obj: ObjectModel, op: Operation) => string[]): Schema {
  const properties: Record<string, JsonSchema> = {};
  for (const name of model.providerFields) {
    const f = model.root.byName.get(name);
    if (!f) continue; // checked by the loader
    const names = f.object ? nested(f.object, "PATCH") : [];
    const inner = names.length === 0 ? undefined : names.length === 1 ? ref(names[0]!) : { anyOf: names.map(ref) };
    properties[name] = valueSchema(f, inner);
  }
  return {
    title: `the control PATCH (${model.providerFields.join(", ")})`,
    type: "object",
    properties,
    additionalProperties: false,
  };
}
