// What a ticket the target returns must look like: the model's ticket schema
// (simulator/model/schemas.ts: server-set fields present, every field well typed and
// formatted, "-" fields never returned, unknown fields refused when the profile
// refuses them; docs/rules.md §4), plus the values a case expects of it.
import type { Model } from "../../simulator/model/model.ts";
import { schemaProblems } from "../../simulator/model/schema-check.ts";
import { ticketName } from "../../simulator/model/schema-names.ts";

/** Problems of a whole ticket, each naming the field and the rule; `expect` adds the values it must have. */
export function ticketProblems(
  model: Model,
  t: unknown,
  expect: { ticketType?: string; status?: string } = {},
): string[] {
  const p = schemaProblems(model, ticketName(model), t, "the ticket").map((x) => x.message);
  if (p.length > 0 || t === null || typeof t !== "object") return p;
  const rec = t as Record<string, unknown>;
  const lc = model.lifecycle;
  if (expect.status !== undefined && rec[lc.field] !== expect.status)
    p.push(`${lc.field} should be ${expect.status}, is ${JSON.stringify(rec[lc.field])}`);
  const typeField = model.ticketTypeField;
  if (typeField !== undefined && expect.ticketType !== undefined && rec[typeField] !== expect.ticketType)
    p.push(`${typeField} should be ${expect.ticketType}, is ${JSON.stringify(rec[typeField])}`);
  return p;
}
