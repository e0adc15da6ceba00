// Filtering cases from the model (docs/rules.md §7): titles are fixed at collection time;
// each case picks its values from the data set at run time.
import type { FilterField, Model } from "../../simulator/model/model.ts";
import type { Clause, ListQuery, Ticket } from "../model/filter-oracle.ts";
import { inOffset } from "../model/formats.ts";
import type { RuleRef } from "../report/case.ts";
import type { Dataset } from "./dataset.ts";

export type FilterCase =
  | {
      readonly kind: "compare";
      readonly title: string;
      readonly rule: RuleRef;
      readonly build: (ds: Dataset) => ListQuery;
    }
  | {
      readonly kind: "reject";
      readonly title: string;
      readonly rule: RuleRef;
      readonly pairs: (ds: Dataset) => Array<[string, string]>;
    }
  /** A parameter the profile does not know: rejected or ignored, per filtering.unknownParameters. */
  | {
      readonly kind: "unknown";
      readonly title: string;
      readonly rule: RuleRef;
      readonly pairs: (ds: Dataset) => Array<[string, string]>;
    };

/** Distinct values of a field over the data set, most frequent first. */
export function valuesOf(tickets: readonly Ticket[], field: string): string[] {
  const counts = new Map<string, number>();
  for (const t of tickets) {
    const v = t[field];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/** The values of an ordered (date-time or numeric) field over the data set, as query text, in ascending order. */
export function orderedValues(tickets: readonly Ticket[], field: string): string[] {
  const key = (v: string) => (Number.isNaN(Number(v)) ? Date.parse(v) : Number(v));
  return tickets
    .map((t) => t[field])
    .filter((v): v is string | number => typeof v === "string" || typeof v === "number")
    .map(String)
    .sort((a, b) => key(a) - key(b));
}

/** The median value of an ordered field (a real ticket's value, so gt and gte differ on it). */
function median(tickets: readonly Ticket[], ff: FilterField): string {
  const vs = orderedValues(tickets, ff.field.name);
  return vs[Math.floor(vs.length / 2)] ?? fallback(ff);
}

const fallback = (ff: FilterField) =>
  ff.field.format === "date-time" ? "2021-02-26T00:00:00Z" : String(ff.field.minimum ?? 0);

export function filterCases(model: Model, runId: string): FilterCase[] {
  const out: FilterCase[] = [];
  const area = "Filtering";
  const operation = `GET /${model.resource}`;
  const rule = (r: string, ff?: FilterField, source = "docs/rules.md §7"): RuleRef => ({
    area,
    operation,
    rule: r,
    provenance: ff?.provenance ?? "TMF",
    source,
  });
  const clause = (
    ff: FilterField,
    name: string,
    values: string[],
    style: Clause["style"] = "comma",
    op?: Clause["op"],
  ): Clause => ({
    name,
    field: ff.field.name,
    values,
    style,
    ...(op ? { op } : {}),
  });

  /** Up to n values the data set holds, or one no ticket has (a field the data set leaves empty still gets a parameter). */
  const seen = (ds: Dataset, f: string, n: number) => {
    const vs = valuesOf(ds.tickets, f).slice(0, n);
    return vs.length > 0 ? vs : [`${runId}-nobody`];
  };

  for (const ff of model.filterFieldList) {
    const f = ff.field.name;
    for (const name of ff.names) {
      const alias = name === f ? "" : ` (the ${f} filter spelled ${name})`;
      if (ff.operators.length === 0) {
        out.push({
          kind: "compare",
          title: `filters by ${name}=value exactly${alias}`,
          rule: rule(`${name}: exact, case-sensitive match`, ff),
          build: (ds) => ({ clauses: [clause(ff, name, seen(ds, f, 1))] }),
        });
        out.push({
          kind: "compare",
          title: `finds nothing for a ${name} no ticket has${alias}`,
          rule: rule(`${name}: exact match`, ff),
          build: () => ({ clauses: [clause(ff, name, [`${runId}-nobody`])] }),
        });
        out.push({
          kind: "compare",
          title: `filters by ${name}=a,b as OR${alias}`,
          rule: rule(`${name}: a,b means OR (TMF630)`, ff),
          build: (ds) => ({ clauses: [clause(ff, name, seen(ds, f, 2))] }),
        });
        out.push({
          kind: "compare",
          title: `filters by a repeated ${name} parameter as OR${alias}`,
          rule: rule(`${name}: a repeated parameter means OR (TMF630)`, ff),
          build: (ds) => ({ clauses: [clause(ff, name, seen(ds, f, 2), "repeat")] }),
        });
        if (name === f && f !== model.idField) {
          out.push({
            kind: "compare",
            title: `matches ${name} case-sensitively`,
            rule: rule(`${name}: case-sensitive`, ff),
            build: (ds) => ({ clauses: [clause(ff, name, [flipCase(valuesOf(ds.tickets, f)[0] ?? "x")])] }),
          });
          const unknown = model.file.filtering.unknownParameters;
          out.push({
            kind: "unknown",
            title: `${model.rejectUnknownParameters ? "rejects" : "ignores"} ${name}.gt: ${name} takes no operator`,
            rule: {
              ...rule(
                `any other query parameter is ${model.rejectUnknownParameters ? "400" : "ignored"}`,
                ff,
                unknown.source ?? "docs/rules.md §7 (chosen)",
              ),
              provenance: unknown.provenance,
            },
            pairs: () => [[`${name}.gt`, "x"]],
          });
        }
        continue;
      }
      // Date-time fields compare as instants, integer and number fields as numbers (TMF630).
      const date = ff.field.format === "date-time";
      const as = date ? "instants" : "numbers";
      for (const op of ff.operators) {
        out.push({
          kind: "compare",
          title: `filters by ${name}.${op} as ${as}${alias}`,
          rule: rule(`${name}.${op}: values compare as ${as}`, ff, "docs/rules.md §7, TMF630"),
          build: (ds) => ({ clauses: [clause(ff, name, [median(ds.tickets, ff)], "comma", op)] }),
        });
      }
      out.push({
        kind: "compare",
        title: `filters by ${name}=${date ? "an instant" : "a number"} exactly${alias}`,
        rule: rule(`${name}: exact ${date ? "instant" : "number"}`, ff, "docs/rules.md §7"),
        build: (ds) => ({ clauses: [clause(ff, name, [median(ds.tickets, ff)])] }),
      });
      // The same instant in another UTC offset: a server comparing text, or dropping the offset, finds nothing.
      if (date)
        out.push({
          kind: "compare",
          title: `filters by ${name}=an instant written in the UTC offset +05:30${alias}`,
          rule: rule(`${name}: values compare as instants, whatever their UTC offset`, ff, "docs/rules.md §7, TMF630"),
          build: (ds) => ({ clauses: [clause(ff, name, [inOffset(median(ds.tickets, ff), 330)])] }),
        });
      const op = ff.operators.includes("gte") ? "gte" : ff.operators[0]!;
      const dateOnly = model.file.filtering.dateOnly;
      if (date && model.dateOnlyMidnightUtc)
        out.push({
          kind: "compare",
          title: `reads a date alone in ${name}.${op} as midnight UTC${alias}`,
          rule: rule(`${name}: a date alone means midnight UTC`, ff, "docs/rules.md §7 (chosen)"),
          build: (ds) => ({ clauses: [clause(ff, name, [median(ds.tickets, ff).slice(0, 10)], "comma", op)] }),
        });
      else if (date)
        out.push({
          kind: "reject",
          title: `rejects a date alone in ${name}.${op}${alias}`,
          rule: {
            ...rule(`${name}: a date alone is 400`, ff, dateOnly?.source ?? "filtering.dateOnly"),
            provenance: dateOnly?.provenance ?? ff.provenance,
          },
          pairs: (ds) => [[`${name}.${op}`, median(ds.tickets, ff).slice(0, 10)]],
        });
      out.push({
        kind: "compare",
        title: `combines ${name}.gt and ${name}.lt as a range${alias}`,
        rule: rule(`${name}: several parameters AND together`, ff),
        build: (ds) => ({
          clauses: [
            clause(ff, name, [orderedValues(ds.tickets, f)[0] ?? fallback(ff)], "comma", "gt"),
            clause(ff, name, [median(ds.tickets, ff)], "comma", "lte"),
          ].filter((c) => ff.operators.includes(c.op!)),
        }),
      });
      out.push({
        kind: "reject",
        title: `rejects an unparsable ${name}.${ff.operators[0]} value${alias}`,
        rule: rule("an unparsable value is 400", ff, "docs/rules.md §7 (chosen)"),
        pairs: () => [[`${name}.${ff.operators[0]!}`, date ? "not-a-date" : "not-a-number"]],
      });
    }
  }
  return out;
}

function flipCase(s: string): string {
  const flipped = [...s].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join("");
  return flipped === s ? `${s}X` : flipped;
}
