// List and read queries (docs/rules.md §7, TMF630), parsed against the rule model:
// filter names, operators, reserved parameters, limits and order all come from it.
import { isDateOnly, parseInstant } from "../model/formats.ts";
import type { CompareOperator, FieldModel, FilterField, Model } from "../model/model.ts";
import { isUnsupported } from "../model/model.ts";
import { show } from "../model/problems.ts";
import type { Ticket } from "./entry.ts";
import { ApiError } from "./errors.ts";
import { type ActiveFaults, NO_FAULTS } from "./fault-spec.ts";

export type Query = Record<string, string | string[] | undefined>;

/** One filter parameter: OR over its values; the matches of a query AND together. */
export type Match =
  | { readonly kind: "exact"; readonly field: string; readonly values: ReadonlySet<string> }
  | {
      readonly kind: "compare";
      readonly field: string;
      readonly tests: ReadonlyArray<{ op: CompareOperator; value: number }>;
    };

export interface ListQuery {
  readonly matches: readonly Match[];
  /** Requested first-level attributes; absent when the whole ticket is wanted. */
  readonly fields?: readonly string[];
  readonly offset: number;
  readonly limit: number;
  /** Only under the fault ignore-case: what the matches given to the store leave out, judged per ticket. */
  readonly keep?: (t: Ticket) => boolean;
}

export interface QueryParser {
  list(q: Query): ListQuery;
  /** GET by id takes only the fields parameter. */
  get(q: Query): { fields?: readonly string[] };
}

/** Date-time and numeric fields compare as numbers (instants); the rest match exactly. */
export function isOrdered(f: FieldModel): boolean {
  return f.format === "date-time" || f.type === "integer" || f.type === "number";
}

/** The number an ordered field compares by, or undefined when absent or unreadable. */
export function orderedValue(f: FieldModel, v: unknown): number | undefined {
  if (f.format === "date-time") return typeof v === "string" ? parseInstant(v) : undefined;
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The hash-index key of an exact-match value; objects and arrays never match. */
export function exactKey(v: unknown): string | undefined {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

export function compileQuery(model: Model, faults: ActiveFaults = NO_FAULTS): QueryParser {
  const selectable = new Set(model.root.fields.filter((f) => !isUnsupported(f)).map((f) => f.name));
  const { fields: fieldsName, offset: offsetName, limit: limitName } = model.reserved;

  const parseFields = (raw: string | string[]): string[] | undefined => {
    const names = [...new Set(values(raw))];
    const rule = `${fieldsName} names first-level attributes of the ${model.resource}`;
    for (const n of names) {
      if (n === "") throw bad(`"${fieldsName}" names an empty attribute`, rule, fieldsName);
      if (!selectable.has(n))
        throw bad(
          `"${fieldsName}" names unknown attribute "${n}" (known: ${[...selectable].join(", ")})`,
          rule,
          fieldsName,
        );
    }
    // Fault ignore-fields (core/faults-lists.ts): the names are checked, then forgotten.
    return faults.has("ignore-fields") ? undefined : names;
  };

  return {
    list(q) {
      const matches: Match[] = [];
      let fields: string[] | undefined;
      let offset = 0;
      // Over the maximum the limit is clamped, not refused (a client asking for
      // "everything" still gets a page); a malformed number is 400. Chosen.
      let limit = model.limit.default;
      for (const [name, raw] of Object.entries(q)) {
        if (raw === undefined) continue;
        if (name === fieldsName) fields = parseFields(raw);
        else if (name === offsetName) offset = paged(faults, "offset", count(name, raw), offset);
        else if (name === limitName) limit = paged(faults, "limit", Math.min(count(name, raw), model.limit.max), limit);
        else {
          const m = parseMatch(model, name, raw, faults);
          // Fault or-as-and (core/faults-lists.ts): every value of a list must match, as if each were its own filter.
          if (m && faults.has("or-as-and")) matches.push(...eachValue(m));
          else if (m) matches.push(m);
        }
      }
      const parsed: ListQuery = fields ? { matches, fields, offset, limit } : { matches, offset, limit };
      // Fault ignore-case (core/faults-lists.ts): exact filters leave the store and match again, without case.
      return faults.has("ignore-case") ? caseless(parsed) : parsed;
    },
    get(q) {
      let fields: string[] | undefined;
      for (const [name, raw] of Object.entries(q)) {
        if (raw === undefined) continue;
        if (name !== fieldsName)
          throw bad(
            `unknown query parameter "${name}" (only "${fieldsName}" applies to a single ticket)`,
            `only ${fieldsName} applies to a single ${model.resource}: unknown query parameter ${name}`,
            name,
          );
        fields = parseFields(raw);
      }
      return fields ? { fields } : {};
    },
  };
}

/** Keeps exactly the requested first-level attributes (the TMF621 CTK asserts no extras, not even id). */
export function project<T extends Record<string, unknown>>(
  ticket: T,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (!fields) return ticket;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (Object.hasOwn(ticket, f)) out[f] = ticket[f];
  return out;
}

function parseMatch(model: Model, name: string, raw: string | string[], faults: ActiveFaults): Match | undefined {
  let filter: FilterField | undefined = model.filterFields.get(name);
  let op: CompareOperator | undefined;
  if (!filter) {
    const dot = name.lastIndexOf(".");
    const base = dot > 0 ? model.filterFields.get(name.slice(0, dot)) : undefined;
    const suffix = name.slice(dot + 1) as CompareOperator;
    if (base?.operators.includes(suffix)) [filter, op] = [base, suffix];
  }
  if (!filter) {
    if (!model.rejectUnknownParameters) return undefined;
    // The rule names the parameter, as a field rule names its field (docs/rules.md §7).
    const rule = `unknown filter parameter ${name}`;
    const origin = model.file.filtering.unknownParameters;
    throw bad(`${rule} (filters: ${filterNames(model)})`, rule, name, origin, rule);
  }
  // Fault ignore-operator: the operator is accepted, and the filter forgotten.
  if (op !== undefined && faults.arg("ignore-operator") === op) return undefined;
  // Fault swap-inclusive (core/faults-lists.ts): gt reads as gte, lte as lt, and so on.
  if (op !== undefined && faults.has("swap-inclusive")) op = SWAPPED[op];
  const field = filter.field;
  const vs = values(raw);
  if (!isOrdered(field)) return { kind: "exact", field: field.name, values: new Set(vs) };
  // A plain date-time or numeric parameter is equality, compared as instants or numbers.
  const tests = vs.map((v) => ({ op: op ?? "eq", value: parseOrdered(field, name, v, model.dateOnlyMidnightUtc) }));
  return { kind: "compare", field: field.name, tests };
}

const SWAPPED: Readonly<Record<CompareOperator, CompareOperator>> = {
  gt: "gte",
  gte: "gt",
  lt: "lte",
  lte: "lt",
  eq: "eq",
};

/** Faults ignore-offset, ignore-limit, offset-off-by-one and limit-off-by-one (core/faults-lists.ts). */
function paged(faults: ActiveFaults, parameter: "offset" | "limit", n: number, unset: number): number {
  if (faults.has(`ignore-${parameter}`)) return unset;
  return faults.has(`${parameter}-off-by-one`) ? n + 1 : n;
}

/** Fault or-as-and: one match per value of a list, so that all must hold. */
function eachValue(m: Match): Match[] {
  if (m.kind === "exact") return [...m.values].map((v) => ({ ...m, values: new Set([v]) }));
  return m.tests.map((t) => ({ ...m, tests: [t] }));
}

/** Fault ignore-case: the exact matches leave the store's query and are judged on lower-cased values. */
function caseless(q: ListQuery): ListQuery {
  const lower = (v: unknown) => exactKey(v)?.toLowerCase();
  const exact = q.matches.flatMap((m) =>
    m.kind === "exact" ? [{ field: m.field, values: new Set([...m.values].map((v) => v.toLowerCase())) }] : [],
  );
  return {
    ...q,
    matches: q.matches.filter((m) => m.kind !== "exact"),
    keep: (t) =>
      exact.every((m) => {
        const v = lower(t[m.field]);
        return v !== undefined && m.values.has(v);
      }),
  };
}

function filterNames(model: Model): string {
  return model.filterFieldList
    .flatMap((f) => [...f.names, ...f.operators.flatMap((o) => f.names.map((n) => `${n}.${o}`))])
    .join(", ");
}

function parseOrdered(f: FieldModel, name: string, v: string, midnightUtc: boolean): number {
  // filtering.dateOnly "reject": a date alone is not an instant of this profile.
  const n =
    f.format === "date-time"
      ? midnightUtc || !isDateOnly(v)
        ? parseInstant(v)
        : undefined
      : v.trim() === ""
        ? NaN
        : Number(v);
  if (n === undefined || Number.isNaN(n)) {
    const wanted =
      f.format === "date-time"
        ? midnightUtc
          ? "a date-time or a date"
          : "a date-time (a date alone is not accepted)"
        : "a number";
    throw bad(`"${name}": ${show(v)} is not ${wanted}`, `${name} takes ${wanted}`, name);
  }
  return n;
}

function values(raw: string | string[]): string[] {
  return (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(","));
}

function count(name: string, raw: string | string[]): number {
  const v = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
  if (v === undefined) throw bad(`"${name}" is given more than once`, `${name} is given at most once`, name);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
    throw bad(
      `"${name}" must be a non-negative integer (got ${show(v)})`,
      `${name} must be a non-negative integer`,
      name,
    );
  return Number(v);
}

/** A 400 naming the parameter and the stable rule it breaks (RuleViolation), with its provenance when the profile gives one. */
function bad(
  message: string,
  rule: string,
  path: string,
  origin?: { readonly provenance: string; readonly source?: string },
  /** What the violation says, when the Error message adds more (the list of filters). */
  said = message,
): ApiError {
  return new ApiError("badQuery", message, [
    {
      rule,
      path,
      message: said,
      ...(origin ? { provenance: origin.provenance } : {}),
      ...(origin?.source !== undefined ? { source: origin.source } : {}),
    },
  ]);
}
