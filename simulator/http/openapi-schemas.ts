// JSON schemas (OpenAPI 3.0 dialect) derived from the rule cells of the model: one
// request schema per ticket type and operation (required = R cells, P and "-"
// fields left out, PD cells as anyOf conditions), and the response schemas
// (everything the profile uses, server-set fields required).

import type { Cell, FieldModel, Letter, Model, ObjectModel, Operation, Predicate } from "../model/model.ts";
import { cellOf } from "../model/model.ts";

export type Schema = Record<string, unknown>;

const OP_NAME: Readonly<Record<Operation, string>> = { POST: "Create", PATCH: "Update" };
export const opName = (op: Operation): string => OP_NAME[op];
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** Builds the schemas into `out` (components.schemas) and returns it. */
export function deriveSchemas(model: Model): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const requestRefs = new Map<string, string>(); // "Object op" -> registered name

  // A sub-object's request schema is shared when every ticket type has the same rules.
  const requestRef = (obj: ObjectModel, op: Operation, ticketType: string): string => {
    const key = `${obj.name} ${op}`;
    const shared = requestRefs.get(key);
    if (shared !== undefined) return shared === "" ? `${obj.name}_${opName(op)}_${ticketType}` : shared;
    const perType = model.ticketTypes.map((t) => requestSchema(obj, op, t));
    const same = perType.every((s) => JSON.stringify(s) === JSON.stringify(perType[0]));
    if (same) {
      requestRefs.set(key, `${obj.name}_${opName(op)}`);
      out[`${obj.name}_${opName(op)}`] = perType[0] as Schema;
    } else {
      requestRefs.set(key, "");
      for (const [i, t] of model.ticketTypes.entries()) out[`${obj.name}_${opName(op)}_${t}`] = perType[i] as Schema;
    }
    return requestRef(obj, op, ticketType);
  };

  const requestSchema = (obj: ObjectModel, op: Operation, ticketType: string): Schema => {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    const conditions: Schema[] = [];
    for (const f of obj.fields) {
      const cell = cellOf(f, ticketType, op);
      const letters = lettersOf(cell);
      if (letters.every(absent)) continue;
      const nested = f.object ? ref(requestRef(f.object, op, ticketType)) : undefined;
      const enumValues =
        cell.values === "operatorTransitions" ? [...new Set(model.lifecycle.operator.map((t) => t.to))] : undefined;
      properties[f.name] = annotate(valueSchema(f, nested, enumValues), cell, f);
      if (cell.rule === "R") required.push(f.name);
      else if (cell.rule === "PD" && cell.when === undefined && cell.then === "R") required.push(f.name);
      else if (cell.rule === "PD" && cell.when !== undefined) {
        const c = conditional(f.name, cell.when, cell.then ?? "O", cell.otherwise ?? "O");
        if (c) conditions.push(c);
      }
    }
    return strip({
      type: "object",
      properties,
      required: required.length > 0 ? required : undefined,
      allOf: conditions.length > 0 ? conditions : undefined,
      additionalProperties: model.rejectUnknownFields ? false : undefined,
    });
  };

  for (const op of model.operations) {
    for (const t of model.ticketTypes) {
      const s = requestSchema(model.root, op, t);
      // The ticket type names its schema: required and fixed unless it is the default.
      const typeField = model.ticketTypeField;
      const typeProp = typeField === undefined ? undefined : (s.properties as Record<string, Schema>)[typeField];
      if (typeField !== undefined && typeProp) {
        typeProp.enum = [t];
        if (t !== model.defaultTicketType) s.required = [...((s.required as string[] | undefined) ?? []), typeField];
      }
      out[`${model.root.name}_${opName(op)}_${t}`] = {
        ...s,
        description: `${model.root.name} ${op} body for ticketType ${t}`,
      };
    }
    const alternatives = model.ticketTypes.map((t) => ref(`${model.root.name}_${opName(op)}_${t}`));
    // A POST body names its type, so exactly one alternative matches; a PATCH body does
    // not (its type is the stored ticket's), so any may.
    out[`${model.root.name}_${opName(op)}`] = op === "POST" ? { oneOf: alternatives } : { anyOf: alternatives };
  }

  const responseSchema = (obj: ObjectModel): string => {
    if (out[obj.name]) return obj.name;
    out[obj.name] = {}; // reserve the name first: objects may nest
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const f of obj.fields) {
      const used = model.ticketTypes.some((t) => model.operations.some((op) => cellOf(f, t, op).rule !== "-"));
      if (!used) continue; // "-": not stored and not returned (docs/rules.md §4)
      properties[f.name] = {
        ...valueSchema(f, f.object ? ref(responseSchema(f.object)) : undefined, undefined),
        ...(f.source ? { description: f.source } : {}),
      };
      if (f.server !== undefined) required.push(f.name);
    }
    out[obj.name] = strip({ type: "object", properties, required: required.length > 0 ? required : undefined });
    return obj.name;
  };
  responseSchema(model.root);
  return out;
}

function lettersOf(cell: Cell): Letter[] {
  if (cell.rule !== "PD") return [cell.rule];
  return cell.when === undefined ? [cell.then ?? "O"] : [cell.then ?? "O", cell.otherwise ?? "O"];
}

const absent = (l: Letter) => l === "P" || l === "-";

/** The value schema of one field: type, format, enum and bounds from the model. */
function valueSchema(f: FieldModel, nested: Schema | undefined, enumOverride: readonly string[] | undefined): Schema {
  if (f.type === "array") return strip({ type: "array", items: nested ?? {}, minItems: f.minItems });
  if (f.type === "object") return nested ?? { type: "object" };
  const format = f.format === "base64" ? "byte" : f.format;
  const values = enumOverride ?? f.enumValues;
  return strip({
    type: f.type,
    format,
    enum: values ? [...values] : undefined,
    minimum: f.minimum,
    maximum: f.maximum,
    minLength: f.minLength,
  });
}

function annotate(s: Schema, cell: Cell, f: FieldModel): Schema {
  const description = cell.description ?? f.source;
  const out: Schema = "$ref" in s ? { allOf: [s] } : { ...s };
  if (description) out.description = description;
  out["x-rule"] = cell.rule === "PD" ? pdText(cell) : cell.rule;
  out["x-provenance"] = cell.provenance;
  return out;
}

function pdText(cell: Cell): string {
  if (!cell.when) return `PD (${cell.then ?? "O"})`;
  const w = cell.when;
  const cond = "present" in w ? `${w.field} ${w.present ? "present" : "absent"}` : `${w.field} in [${w.in.join(", ")}]`;
  return `PD: ${cell.then ?? "O"} when ${cond}, else ${cell.otherwise ?? "O"}`;
}

/** An OpenAPI 3.0 rendering of "if `when` then letter A on `field`, else letter B". */
function conditional(field: string, when: Predicate, then: Letter, otherwise: Letter): Schema | undefined {
  const rule = (l: Letter): Schema | undefined =>
    l === "R" ? { required: [field] } : absent(l) ? { not: { required: [field] } } : undefined;
  const cond: Schema =
    "present" in when
      ? when.present
        ? { required: [when.field] }
        : { not: { required: [when.field] } }
      : { required: [when.field], properties: { [when.field]: { enum: [...when.in] } } };
  const a = rule(then);
  const b = rule(otherwise);
  if (!a && !b) return undefined;
  const branch = (c: Schema, r: Schema | undefined): Schema => (r ? { allOf: [c, r] } : c);
  return { anyOf: [branch(cond, a), branch({ not: cond }, b)] };
}

function strip(o: Schema): Schema {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
