// Generated list queries over a data set: filter clauses (every filter field and
// operator, OR lists, both styles), fields, offset and limit (docs/rules.md §7).
import fc from "fast-check";
import type { FilterField, Model } from "../../simulator/model/model.ts";
import { isUnsupported } from "../../simulator/model/model.ts";
import type { Clause, ListQuery } from "../model/filter-oracle.ts";
import { inOffset } from "../model/formats.ts";
import { orderedValues, valuesOf } from "./cases.ts";
import type { Dataset } from "./dataset.ts";

function clauseArb(model: Model, ff: FilterField, ds: Dataset, runId: string): fc.Arbitrary<Clause> {
  const f = ff.field.name;
  const seen = valuesOf(ds.tickets, f);
  const name = fc.constantFrom(...ff.names);
  if (ff.operators.length === 0) {
    const value = fc.constantFrom(...seen, `${runId}-nobody`);
    return fc
      .record({
        name,
        values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }),
        style: fc.constantFrom<Clause["style"]>("comma", "repeat"),
      })
      .map((r) => ({ ...r, field: f }));
  }
  const date = ff.field.format === "date-time";
  const ordered = orderedValues(ds.tickets, f);
  const known = ordered.length > 0 ? ordered : [date ? "2021-02-26T12:00:00.000Z" : String(ff.field.minimum ?? 0)];
  // A date alone only where the profile reads it as midnight UTC (filtering.dateOnly).
  // A date-time also in another UTC offset (-12:00 to +14:00): values compare as instants (docs/rules.md §7).
  const shifted = fc
    .tuple(fc.constantFrom(...known), fc.integer({ min: -48, max: 56 }))
    .map(([v, q]) => inOffset(v, q * 15));
  const value =
    date && model.dateOnlyMidnightUtc
      ? fc.oneof(
          fc.constantFrom(...known),
          fc.constantFrom(...known).map((v) => v.slice(0, 10)),
          shifted,
        )
      : date
        ? fc.oneof(fc.constantFrom(...known), shifted)
        : fc.constantFrom(...known);
  return fc
    .record({
      name,
      op: fc.constantFrom(...ff.operators),
      values: value.map((v) => [v]),
      style: fc.constant<Clause["style"]>("comma"),
    })
    .map((r) => ({ ...r, field: f }));
}

export function queryArb(model: Model, ds: Dataset, runId: string): fc.Arbitrary<ListQuery> {
  const fields = model.filterFieldList;
  const perField = fields.map((ff) => clauseArb(model, ff, ds, runId));
  const clauses = fc
    .uniqueArray(fc.integer({ min: 0, max: fields.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((idx) => fc.tuple(...idx.map((i) => perField[i]!)))
    // Two clauses on one date field need distinct operators, or they would merge into one OR-ed parameter.
    .map((cs) => cs.filter((c, i) => cs.findIndex((d) => d.name === c.name && d.op === c.op) === i));
  // "-" fields are never returned (docs/rules.md §4), so asking for them is not a valid projection.
  const names = model.root.fields.filter((f) => !isUnsupported(f)).map((f) => f.name);
  return fc.record(
    {
      clauses,
      fields: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
      offset: fc.integer({ min: 0, max: ds.ids.length + 1 }),
      // Up to the profile's maximum: what a server does above it the profile does not say.
      limit: fc.integer({ min: 1, max: Math.min(ds.ids.length + 1, model.limit.max) }),
    },
    { requiredKeys: ["clauses"] },
  );
}
