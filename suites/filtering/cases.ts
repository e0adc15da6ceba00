// Filtering cases from the model (reading §7): titles are fixed at collection time;
// each case picks its values from the data set at run time.
import type { FilterField, Model } from "../../simulator/model/model.ts";
import type { Clause, ListQuery, Ticket } from "../model/filter-oracle.ts";
import type { RuleRef } from "../report/case.ts";
import type { Dataset } from "./dataset.ts";

export type FilterCase =
  | { readonly kind: "compare"; readonly title: string; readonly rule: RuleRef; readonly build: (ds: Dataset) => ListQuery }
  | { readonly kind: "reject"; readonly title: string; readonly rule: RuleRef; readonly pairs: (ds: Dataset) => Array<[string, string]> };

/** Distinct values of a field over the data set, most frequent first. */
export function valuesOf(tickets: readonly Ticket[], field: string): string[] {
  const counts = new Map<string, number>();
  for (const t of tickets) {
    const v = t[field];
    if (typeof v === "string") counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/** The median value of a date field (a real ticket's value, so gt and gte differ on it). */
function median(tickets: readonly Ticket[], field: string): string {
  const vs = tickets
    .map((t) => t[field])
    .filter((v): v is string => typeof v === "string")
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return vs[Math.floor(vs.length / 2)] ?? "2021-02-26T00:00:00Z";
}

export function filterCases(model: Model, runId: string): FilterCase[] {
  const out: FilterCase[] = [];
  const area = "Filtering";
  const operation = `GET /${model.resource}`;
  const rule = (r: string, ff?: FilterField, source = "reading §7"): RuleRef => ({ area, operation, rule: r, provenance: ff?.provenance ?? "TMF", source });
  const clause = (ff: FilterField, name: string, values: string[], style: Clause["style"] = "comma", op?: Clause["op"]): Clause => ({
    name,
    field: ff.field.name,
    values,
    style,
    ...(op ? { op } : {}),
  });

  for (const ff of model.filterFieldList) {
    const f = ff.field.name;
    for (const name of ff.names) {
      const alias = name === f ? "" : ` (the ${f} filter spelled ${name})`;
      if (ff.operators.length === 0) {
        out.push({ kind: "compare", title: `filters by ${name}=value exactly${alias}`, rule: rule(`${name}: exact, case-sensitive match`, ff), build: (ds) => ({ clauses: [clause(ff, name, valuesOf(ds.tickets, f).slice(0, 1))] }) });
        out.push({ kind: "compare", title: `finds nothing for a ${name} no ticket has${alias}`, rule: rule(`${name}: exact match`, ff), build: () => ({ clauses: [clause(ff, name, [`${runId}-nobody`])] }) });
        out.push({ kind: "compare", title: `filters by ${name}=a,b as OR${alias}`, rule: rule(`${name}: a,b means OR (TMF630)`, ff), build: (ds) => ({ clauses: [clause(ff, name, valuesOf(ds.tickets, f).slice(0, 2))] }) });
        out.push({ kind: "compare", title: `filters by a repeated ${name} parameter as OR${alias}`, rule: rule(`${name}: a repeated parameter means OR (TMF630)`, ff), build: (ds) => ({ clauses: [clause(ff, name, valuesOf(ds.tickets, f).slice(0, 2), "repeat")] }) });
        if (name === f && f !== model.root.fields.find((x) => x.server === "id")?.name) {
          out.push({ kind: "compare", title: `matches ${name} case-sensitively`, rule: rule(`${name}: case-sensitive`, ff), build: (ds) => ({ clauses: [clause(ff, name, [flipCase(valuesOf(ds.tickets, f)[0] ?? "x")])] }) });
          out.push({ kind: "reject", title: `rejects ${name}.gt: ${name} takes no operator`, rule: rule("any other query parameter is 400", ff, "reading §7 (chosen)"), pairs: () => [[`${name}.gt`, "x"]] });
        }
        continue;
      }
      for (const op of ff.operators) {
        out.push({ kind: "compare", title: `filters by ${name}.${op} as instants${alias}`, rule: rule(`${name}.${op}: values compare as instants`, ff, "reading §7, TMF630"), build: (ds) => ({ clauses: [clause(ff, name, [median(ds.tickets, f)], "comma", op)] }) });
      }
      out.push({ kind: "compare", title: `filters by ${name}=an instant exactly${alias}`, rule: rule(`${name}: exact instant`, ff, "reading §7"), build: (ds) => ({ clauses: [clause(ff, name, [median(ds.tickets, f)])] }) });
      const op = ff.operators.includes("gte") ? "gte" : ff.operators[0]!;
      out.push({ kind: "compare", title: `reads a date alone in ${name}.${op} as midnight UTC${alias}`, rule: rule(`${name}: a date alone means midnight UTC`, ff, "reading §7 (chosen)"), build: (ds) => ({ clauses: [clause(ff, name, [median(ds.tickets, f).slice(0, 10)], "comma", op)] }) });
      out.push({ kind: "compare", title: `combines ${name}.gt and ${name}.lt as a range${alias}`, rule: rule(`${name}: several parameters AND together`, ff), build: (ds) => ({ clauses: [clause(ff, name, [earliest(ds.tickets, f)], "comma", "gt"), clause(ff, name, [median(ds.tickets, f)], "comma", "lte")].filter((c) => ff.operators.includes(c.op!)) }) });
      out.push({ kind: "reject", title: `rejects an unparsable ${name}.${ff.operators[0]} value${alias}`, rule: rule("an unparsable value is 400", ff, "reading §7 (chosen)"), pairs: () => [[`${name}.${ff.operators[0]!}`, "not-a-date"]] });
    }
  }
  return out;
}

function earliest(tickets: readonly Ticket[], field: string): string {
  const vs = tickets.map((t) => t[field]).filter((v): v is string => typeof v === "string").sort((a, b) => Date.parse(a) - Date.parse(b));
  return vs[0] ?? "2021-02-26T00:00:00Z";
}

function flipCase(s: string): string {
  const flipped = [...s].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join("");
  return flipped === s ? `${s}X` : flipped;
}
