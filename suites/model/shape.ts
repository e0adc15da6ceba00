// What a ticket the target returns must look like, per the rule model: server-set
// fields present with the right types and formats (docs/rules.md §4, "Responses always
// carry what the server set"), known fields well typed, "-" fields never returned.
import type { FieldModel, Model, ObjectModel } from "../../simulator/model/model.ts";
import { checkFormat, isDateTime } from "./formats.ts";

/** Problems of one value against a field's type, enum, bounds and format. */
export function valueProblems(f: FieldModel, v: unknown, at: string): string[] {
  const p: string[] = [];
  const typeOk =
    f.type === "string"
      ? typeof v === "string"
      : f.type === "integer"
        ? Number.isInteger(v)
        : f.type === "number"
          ? typeof v === "number" && Number.isFinite(v)
          : f.type === "boolean"
            ? typeof v === "boolean"
            : f.type === "array"
              ? Array.isArray(v)
              : v !== null && typeof v === "object" && !Array.isArray(v);
  if (!typeOk) return [`${at} should be of type ${f.type}, is ${JSON.stringify(v)}`];
  if (f.enumValues && !f.enumValues.includes(v as string))
    p.push(`${at} should be one of ${f.enumValues.join(", ")}, is ${JSON.stringify(v)}`);
  if (!checkFormat(f.format, v)) p.push(`${at} should be a ${f.format}, is ${JSON.stringify(v)}`);
  if (typeof v === "number" && f.minimum !== undefined && v < f.minimum)
    p.push(`${at} should be >= ${f.minimum}, is ${v}`);
  if (typeof v === "number" && f.maximum !== undefined && v > f.maximum)
    p.push(`${at} should be <= ${f.maximum}, is ${v}`);
  if (f.object && Array.isArray(v))
    for (const [i, item] of v.entries()) p.push(...objectProblems(f.object, item, `${at}[${i}]`));
  else if (f.object && f.type === "object") p.push(...objectProblems(f.object, v, at));
  return p;
}

export function objectProblems(obj: ObjectModel, v: unknown, at: string): string[] {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return [`${at} should be an object`];
  const rec = v as Record<string, unknown>;
  const p: string[] = [];
  for (const f of obj.fields) {
    const here = at ? `${at}.${f.name}` : f.name;
    const present = Object.hasOwn(rec, f.name) && rec[f.name] !== undefined;
    if (f.server !== undefined && !present) p.push(`${here} is set by the server and must be returned`);
    if (!present) continue;
    if (isUnused(f)) {
      p.push(`${here} is not supported ("-") and must not be returned`);
      continue;
    }
    p.push(...valueProblems(f, rec[f.name], here));
  }
  return p;
}

/** A "-" field in every cell: not stored and not returned (docs/rules.md §4). */
export function isUnused(f: FieldModel): boolean {
  return Object.values(f.cells).every((ops) => Object.values(ops).every((c) => c.rule === "-"));
}

/** Problems of a whole ticket; `status`, when given, is what its status must be. */
export function ticketProblems(
  model: Model,
  t: unknown,
  expect: { ticketType?: string; status?: string } = {},
): string[] {
  const p = objectProblems(model.root, t, "");
  if (p.length > 0 || t === null || typeof t !== "object") return p;
  const rec = t as Record<string, unknown>;
  const lc = model.lifecycle;
  if (expect.status !== undefined && rec[lc.field] !== expect.status)
    p.push(`${lc.field} should be ${expect.status}, is ${JSON.stringify(rec[lc.field])}`);
  const typeField = model.ticketTypeField;
  if (typeField !== undefined && expect.ticketType !== undefined && rec[typeField] !== expect.ticketType) {
    p.push(`${typeField} should be ${expect.ticketType}, is ${JSON.stringify(rec[typeField])}`);
  }
  const id = model.root.fields.find((f) => f.server === "id");
  if (id && (typeof rec[id.name] !== "string" || rec[id.name] === ""))
    p.push(`${id.name} should be a non-empty string`);
  for (const f of model.root.fields)
    if (f.format === "date-time" && f.server !== undefined && !isDateTime(rec[f.name]))
      p.push(`${f.name} should be a date-time`);
  return p;
}
