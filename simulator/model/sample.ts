// Valid example values and bodies, derived from the rule model. Used by tests, the
// OpenAPI examples and the README's curl lines; never hand-written per field.

import type { FieldModel, Model, ObjectModel, Operation } from "./model.ts";
import { cellOf, resolveCell } from "./model.ts";

export function sampleValue(model: Model, f: FieldModel, ticketType: string, op: Operation): unknown {
  if (f.enumValues) return f.enumValues[0];
  switch (f.type) {
    case "integer":
    case "number":
      return f.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return f.object ? [sampleObject(model, f.object, ticketType, op, "required")] : [];
    case "object":
      return f.object ? sampleObject(model, f.object, ticketType, op, "all") : {};
    case "string":
      if (f.format === "date-time") return "2021-02-26T10:00:00Z";
      if (f.format === "uri") return "https://example.com/x";
      if (f.format === "base64") return "aGVsbG8=";
      return `sample ${f.name}`;
  }
}

/**
 * An object holding the fields whose rule (for this ticket type and operation)
 * is R, or with "all" also the O ones. PD rules are resolved against what is built.
 */
export function sampleObject(
  model: Model,
  obj: ObjectModel,
  ticketType: string,
  op: Operation,
  which: "required" | "all",
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = (f: FieldModel) => {
    const letter = resolveCell(cellOf(f, ticketType, op), out);
    return letter === "R" || (which === "all" && letter === "O");
  };
  // Two passes: a PD rule may depend on a field set in the first.
  for (let pass = 0; pass < 2; pass++)
    for (const f of obj.fields) if (!(f.name in out) && wanted(f)) out[f.name] = sampleValue(model, f, ticketType, op);
  return out;
}

/** A minimal valid POST body for one ticket type (its ticketType stated when optional). */
export function sampleTicket(model: Model, ticketType: string): Record<string, unknown> {
  const body = sampleObject(model, model.root, ticketType, "POST", "required");
  const typeField = model.ticketTypeField === undefined ? undefined : model.root.byName.get(model.ticketTypeField);
  if (typeField && resolveCell(cellOf(typeField, ticketType, "POST"), body) !== "P") body[typeField.name] = ticketType;
  return body;
}
