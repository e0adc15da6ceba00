// The suites' own reading of "does this body meet every rule" (docs/rules.md §4), used to
// check the generators themselves: valid arbitraries must pass, mutations must not.
import { cellOf, type Model, type ObjectModel, type Operation, resolveCell } from "../../simulator/model/model.ts";
import { valueProblems } from "./shape.ts";

export function bodyProblems(model: Model, ticketType: string, op: Operation, body: unknown): string[] {
  return objectRuleProblems(model, model.root, ticketType, op, body, "");
}

function objectRuleProblems(
  model: Model,
  obj: ObjectModel,
  ticketType: string,
  op: Operation,
  v: unknown,
  at: string,
): string[] {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return [`${at || "(body)"} should be an object`];
  const rec = v as Record<string, unknown>;
  const p: string[] = [];
  for (const k of Object.keys(rec)) if (!obj.byName.has(k) && model.rejectUnknownFields) p.push(`${at}${k} is unknown`);
  for (const f of obj.fields) {
    const here = `${at}${f.name}`;
    const letter = resolveCell(cellOf(f, ticketType, op), rec);
    const present = Object.hasOwn(rec, f.name);
    if (letter === "R" && !present) p.push(`${here} is required`);
    if ((letter === "P" || letter === "-") && present) p.push(`${here} is prohibited`);
    if (!present || letter === "P" || letter === "-") continue;
    const value = rec[f.name];
    if (f.object && f.type === "array") {
      if (!Array.isArray(value)) {
        p.push(`${here} should be an array`);
        continue;
      }
      if (f.minItems !== undefined && value.length < f.minItems) p.push(`${here} needs ${f.minItems} item(s)`);
      for (const [i, item] of value.entries())
        p.push(...objectRuleProblems(model, f.object, ticketType, op, item, `${here}[${i}].`));
    } else if (f.object && f.type === "object")
      p.push(...objectRuleProblems(model, f.object, ticketType, op, value, `${here}.`));
    else {
      p.push(...valueProblems(f, value, here));
      if (typeof value === "string" && f.minLength !== undefined && value.length < f.minLength)
        p.push(`${here} is shorter than ${f.minLength}`);
    }
  }
  return p;
}
