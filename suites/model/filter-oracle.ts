// The suites' own evaluation of list filtering (docs/rules.md §7, TMF630) over the tickets
// a suite created: the oracle a target's answer is compared with.
import type { CompareOperator, Model } from "../../simulator/model/model.ts";
import { HarnessError } from "../support/errors.ts";
import { instant } from "./formats.ts";

export type Ticket = Readonly<Record<string, unknown>>;

export interface Clause {
  /** The query parameter's field name as sent (the field's own name or an alias). */
  readonly name: string;
  readonly field: string;
  readonly op?: CompareOperator;
  /** OR-ed values (TMF630: `a,b` or a repeated parameter). */
  readonly values: readonly string[];
  readonly style: "comma" | "repeat";
}

export interface ListQuery {
  readonly clauses: readonly Clause[];
  readonly fields?: readonly string[];
  readonly offset?: number;
  readonly limit?: number;
}

/** The query string pairs of a list query, in a stable order. */
export function queryPairs(model: Model, q: ListQuery): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const c of q.clauses) {
    const key = c.op ? `${c.name}.${c.op}` : c.name;
    if (c.style === "comma") out.push([key, c.values.join(",")]);
    else for (const v of c.values) out.push([key, v]);
  }
  if (q.fields) out.push([model.reserved.fields, q.fields.join(",")]);
  if (q.offset !== undefined) out.push([model.reserved.offset, String(q.offset)]);
  if (q.limit !== undefined) out.push([model.reserved.limit, String(q.limit)]);
  return out;
}

function isDate(model: Model, field: string): boolean {
  return model.root.byName.get(field)?.format === "date-time";
}

function isNumeric(model: Model, field: string): boolean {
  const t = model.root.byName.get(field)?.type;
  return t === "integer" || t === "number";
}

/** The number an ordered value compares by (an instant, or the number itself); undefined when unreadable. */
function orderedKey(model: Model, field: string, v: unknown): number | undefined {
  if (isDate(model, field)) return typeof v === "string" ? instant(v) : undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function clauseMatches(model: Model, t: Ticket, c: Clause): boolean {
  const v = t[c.field];
  if (v === undefined || v === null) return false;
  if (isDate(model, c.field) || isNumeric(model, c.field)) {
    const have = orderedKey(model, c.field, v);
    if (have === undefined) return false;
    return c.values.some((raw) => {
      const want = orderedKey(model, c.field, raw);
      if (want === undefined)
        throw new HarnessError(`the oracle was given an unparsable ${c.field} value "${raw}" (a suite bug)`);
      switch (c.op ?? "eq") {
        case "gt":
          return have > want;
        case "gte":
          return have >= want;
        case "lt":
          return have < want;
        case "lte":
          return have <= want;
        case "eq":
          return have === want;
        default:
          throw new HarnessError(`the oracle was given operator ${String(c.op)} (a suite bug)`);
      }
    });
  }
  if (c.op !== undefined)
    throw new HarnessError(`the oracle was given an operator on ${c.field}, which takes none (a suite bug)`);
  // Exact, case-sensitive (docs/rules.md §7).
  return c.values.includes(typeof v === "string" ? v : JSON.stringify(v));
}

/** creationDate descending, then id (docs/rules.md §7), or whatever order the profile names. */
export function order(model: Model): (a: Ticket, b: Ticket) => number {
  return (a, b) => {
    for (const o of model.order) {
      const x = a[o.field];
      const y = b[o.field];
      const kx = isDate(model, o.field) && typeof x === "string" ? (instant(x) ?? 0) : x;
      const ky = isDate(model, o.field) && typeof y === "string" ? (instant(y) ?? 0) : y;
      if (kx === ky) continue;
      const lt = (kx as string | number) < (ky as string | number);
      return (lt ? -1 : 1) * (o.direction === "desc" ? -1 : 1);
    }
    return 0;
  };
}

export function project(t: Ticket, fields: readonly string[] | undefined): Ticket {
  if (!fields) return t;
  return Object.fromEntries(Object.entries(t).filter(([k]) => fields.includes(k)));
}

/** What a conforming target answers: all matches counted, then ordered, paged and projected. */
export function evaluate(model: Model, tickets: readonly Ticket[], q: ListQuery): { total: number; items: Ticket[] } {
  const matched = tickets.filter((t) => q.clauses.every((c) => clauseMatches(model, t, c))).sort(order(model));
  const offset = q.offset ?? 0;
  const limit = q.limit ?? model.limit.default;
  return { total: matched.length, items: matched.slice(offset, offset + limit).map((t) => project(t, q.fields)) };
}

/** A short text of a query for titles and messages. */
export function describeQuery(model: Model, q: ListQuery): string {
  return queryPairs(model, q)
    .map(([k, v]) => `${k}=${v.length > 60 ? `${v.slice(0, 57)}...` : v}`)
    .join("&");
}
