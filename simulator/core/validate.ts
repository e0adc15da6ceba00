// Request validation derived from the rule model: one checker per ticket type x
// operation, compiled once at load. A request gets every violation, not the first.

import { FORMATS } from "../model/formats.ts";
import type { Cell, FieldModel, Letter, Model, ObjectModel, Operation } from "../model/model.ts";
import { cellOf, resolveCell, ticketTypeOf } from "../model/model.ts";
import { show } from "../model/problems.ts";
import type { RuleViolation } from "./errors.ts";
import { type ActiveFaults, NO_FAULTS } from "./fault-spec.ts";

/** A violated field rule: the field's path, and the rule's stable text (see RuleViolation). */
export interface Violation extends RuleViolation {
  readonly path: string;
}

type Origin = { readonly provenance: string; readonly source?: string | undefined };

/**
 * A violation of `path` (with indices) whose rule reads `what`; `detail` (the value
 * given) goes in the message only, so the rule text stays the same for every request.
 */
export function violation(path: string, what: string, origin?: Origin, detail = ""): Violation {
  const shown = path === "" ? what : `${path} ${what}`;
  const rulePath = path.replace(/\[\d+\]/g, "[]");
  return {
    path,
    rule: rulePath === "" ? what : `${rulePath} ${what}`,
    message: `${shown}${detail}`,
    ...(origin ? { provenance: origin.provenance } : {}),
    ...(origin?.source !== undefined ? { source: origin.source } : {}),
  };
}

export interface Validators {
  create(body: unknown): { ticketType: string; violations: Violation[] };
  patch(ticketType: string, body: unknown): Violation[];
  provider(ticketType: string, body: unknown): Violation[];
}

type Body = Readonly<Record<string, unknown>>;
type ObjectCheck = (body: Body, prefix: string, out: Violation[]) => void;
type ValueCheck = (value: unknown, path: string, out: Violation[]) => void;

/** Violations listed in one Error message at most; past it the rest are counted. */
export const MAX_LISTED_VIOLATIONS = 100;

/** Violations one request keeps (ten times what its Error lists); past it they are only counted. */
export const MAX_KEPT_VIOLATIONS = 10 * MAX_LISTED_VIOLATIONS;

/**
 * A request's violations as the checks find them: the first MAX_KEPT_VIOLATIONS are
 * kept, the rest only counted in `total`. A 1 MiB array of wrong items makes 500 000;
 * kept, they took seconds of garbage collection, during which the server answered
 * no one (docs/decisions/0005-hostile-input-and-reset.md).
 */
export class Violations extends Array<Violation> {
  // Private, so the list still equals a plain array of the same violations.
  #total = 0;
  get total(): number {
    return this.#total;
  }
  override push(...vs: Violation[]): number {
    for (const v of vs) if (this.#total++ < MAX_KEPT_VIOLATIONS) super.push(v);
    return this.length;
  }
}

/**
 * Every violation, "; "-joined, up to MAX_LISTED_VIOLATIONS: a 1 MiB array of
 * wrong items would otherwise answer some 16 MB of messages (decision 0002).
 */
export function describeViolations(vs: readonly { readonly message: string }[] & { readonly total?: number }): string {
  const listed = vs
    .slice(0, MAX_LISTED_VIOLATIONS)
    .map((v) => v.message)
    .join("; ");
  const more = (vs.total ?? vs.length) - MAX_LISTED_VIOLATIONS;
  return more > 0 ? `${listed}; and ${more} more violation(s) of the same request` : listed;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function compileValidators(model: Model, faults: ActiveFaults = NO_FAULTS): Validators {
  const byTypeOp = new Map<string, ObjectCheck>();
  for (const t of model.ticketTypes)
    for (const op of model.operations) byTypeOp.set(`${t} ${op}`, compileObject(model, model.root, t, op, faults));
  const provider = new Map(model.ticketTypes.map((t) => [t, compileProvider(model, t, faults)] as const));

  const run = (check: ObjectCheck | undefined, body: unknown): Violation[] => {
    if (!isPlainObject(body)) return [violation("", "the request body must be a JSON object")];
    const out = new Violations();
    check?.(body, "", out);
    return out;
  };

  return {
    create(body) {
      const ticketType = isPlainObject(body) ? ticketTypeOf(model, body) : model.defaultTicketType;
      // An invalid ticketType is reported by its own field check; the rest is judged as the default type.
      return { ticketType, violations: run(byTypeOp.get(`${ticketType} POST`), body) };
    },
    patch: (ticketType, body) => run(byTypeOp.get(`${ticketType} PATCH`), body),
    provider: (ticketType, body) => run(provider.get(ticketType), body),
  };
}

function compileObject(
  model: Model,
  obj: ObjectModel,
  ticketType: string,
  op: Operation,
  faults: ActiveFaults,
): ObjectCheck {
  const label = `${ticketType} ${op}`;
  const checks = obj.fields.map((f) =>
    compileField(model, f, cellOf(f, ticketType, op), label, ticketType, op, faults),
  );
  const known = obj.byName;
  const strict = model.rejectUnknownFields;
  const unknown = model.file.unknownFields;
  return (body, prefix, out) => {
    if (strict)
      for (const k of Object.keys(body))
        if (!known.has(k)) out.push(violation(join(prefix, k), `is not a field of ${obj.name}`, unknown));
    for (const check of checks) check(body, prefix, out);
  };
}

function compileField(
  model: Model,
  f: FieldModel,
  cell: Cell,
  label: string,
  ticketType: string,
  op: Operation,
  faults: ActiveFaults,
): ObjectCheck {
  const value = compileValue(model, f, ticketType, op, faults);
  const fixed: Letter | undefined = cell.rule === "PD" ? undefined : cell.rule;
  return (body, prefix, out) => {
    const v = body[f.name];
    const letter = fixed ?? resolveCell(cell, body);
    if (v === undefined && letter !== "R") return; // the common case: no path string built
    const path = join(prefix, f.name);
    if (v === undefined) return void out.push(violation(path, `is required for ${label}${because(cell)}`, cell));
    if (letter === "P") out.push(violation(path, `is prohibited for ${label}${because(cell)}`, cell));
    else if (letter === "-") out.push(violation(path, `is not supported by this profile (${label})`, cell));
    else value(v, path, out);
  };
}

function because(cell: Cell): string {
  return cell.rule === "PD" && cell.description ? ` (${cell.description})` : "";
}

function compileValue(
  model: Model,
  f: FieldModel,
  ticketType: string,
  op: Operation,
  faults: ActiveFaults,
): ValueCheck {
  const nested = f.object ? compileObject(model, f.object, ticketType, op, faults) : undefined;
  const scalar = compileScalar(f, faults);
  if (f.type === "array") {
    const min = f.minItems ?? 0;
    return (v, path, out) => {
      if (!Array.isArray(v)) return void out.push(violation(path, "must be an array", f));
      if (v.length < min) out.push(violation(path, `must have at least ${min} item(s)`, f));
      v.forEach((item, i) => {
        const at = `${path}[${i}]`;
        if (!isPlainObject(item)) out.push(violation(at, "must be an object", f));
        else nested?.(item, at, out);
      });
    };
  }
  if (f.type === "object")
    return (v, path, out) => {
      if (!isPlainObject(v)) return void out.push(violation(path, "must be an object", f));
      nested?.(v, path, out);
    };
  return scalar;
}

function compileScalar(f: FieldModel, faults: ActiveFaults): ValueCheck {
  const { minimum, maximum, minLength, enumValues, format } = f;
  // Faults (core/faults-fields.ts): the check is skipped and the value taken as it is.
  const anyType = faults.has("accept-wrong-type");
  const anyEnum = f.enumName !== undefined && faults.arg("accept-wrong-enum") === f.enumName;
  const anyFormat = format !== undefined && faults.arg("accept-wrong-format") === format;
  const wrongType = (path: string, out: Violation[], what: string): void => {
    if (!anyType) out.push(violation(path, what, f));
  };
  if (f.type === "boolean")
    return (v, path, out) => {
      if (typeof v !== "boolean") wrongType(path, out, "must be a boolean");
    };
  if (f.type === "integer" || f.type === "number") {
    const isInt = f.type === "integer";
    return (v, path, out) => {
      if (typeof v !== "number" || !Number.isFinite(v) || (isInt && !Number.isInteger(v)))
        return wrongType(path, out, `must be ${isInt ? "an integer" : "a number"}`);
      if ((minimum !== undefined && v < minimum) || (maximum !== undefined && v > maximum))
        out.push(violation(path, `must be between ${minimum ?? "-inf"} and ${maximum ?? "inf"}`, f, ` (got ${v})`));
    };
  }
  const formatCheck = format === undefined ? undefined : FORMATS[format];
  return (v, path, out) => {
    if (typeof v !== "string") return wrongType(path, out, "must be a string");
    if (minLength !== undefined && v.length < minLength)
      out.push(violation(path, `must not be shorter than ${minLength} character(s)`, f));
    if (enumValues && !enumValues.includes(v) && !anyEnum)
      out.push(violation(path, `must be one of ${enumValues.join(", ")}`, f, ` (got ${show(v)})`));
    if (formatCheck && !formatCheck(v) && !anyFormat) out.push(violation(path, `must be a valid ${format}`, f));
  };
}

/** The control interface sets Nexera-side fields: only the profile's providerFields, type-checked. */
function compileProvider(model: Model, ticketType: string, faults: ActiveFaults): ObjectCheck {
  const allowed = new Map(
    model.providerFields.map((name) => {
      const f = model.root.byName.get(name) as FieldModel; // checked by the loader
      return [name, compileValue(model, f, ticketType, "PATCH", faults)] as const;
    }),
  );
  return (body, _prefix, out) => {
    for (const [k, v] of Object.entries(body)) {
      const check = allowed.get(k);
      if (!check)
        out.push(
          violation(k, `cannot be set through the control interface (allowed: ${[...allowed.keys()].join(", ")})`),
        );
      else check(v, k, out);
    }
  };
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}
