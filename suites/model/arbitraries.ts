// fast-check arbitraries generated from the rule model: valid request bodies of each
// ticket type and operation, and single-rule mutations of them (docs/rules.md §4).
import fc from "fast-check";
import {
  cellOf,
  type FieldModel,
  type Letter,
  type Model,
  type ObjectModel,
  type Operation,
  resolveCell,
} from "../../simulator/model/model.ts";
import { type Body, badFormat, type SampleCtx, sampleValue, wrongType } from "./samples.ts";

type Ctx = Omit<SampleCtx, "tag">;

const ISO_MIN = new Date("2000-01-01T00:00:00Z");
const ISO_MAX = new Date("2099-12-31T23:59:59Z");

export function valueArb(f: FieldModel, ctx: Ctx): fc.Arbitrary<unknown> {
  if (f.enumValues) return fc.constantFrom(...f.enumValues);
  switch (f.type) {
    case "string":
      if (f.format === "date-time")
        return fc.date({ min: ISO_MIN, max: ISO_MAX, noInvalidDate: true }).map((d) => d.toISOString());
      if (f.format === "base64")
        return fc.uint8Array({ minLength: 1, maxLength: 48 }).map((b) => Buffer.from(b).toString("base64"));
      if (f.format === "uri") return fc.webUrl();
      return fc.string({ unit: "grapheme", minLength: f.minLength ?? 0, maxLength: 24 });
    case "integer":
      return fc.integer({ min: f.minimum ?? -1_000_000, max: f.maximum ?? 1_000_000 });
    case "number":
      // Hundredths: exact in JSON and never -0.
      return fc
        .integer({ min: Math.ceil((f.minimum ?? -10_000) * 100), max: Math.floor((f.maximum ?? 10_000) * 100) })
        .map((n) => (n === 0 ? 0 : n / 100));
    case "boolean":
      return fc.boolean();
    case "object":
      return f.object ? objectArb(f.object, ctx) : fc.constant({});
    case "array":
      if (!f.object)
        return fc.array(fc.string({ minLength: 1, maxLength: 8 }), {
          minLength: Math.max(1, f.minItems ?? 1),
          maxLength: 3,
        });
      return fc.array(objectArb(f.object, ctx), { minLength: Math.max(1, f.minItems ?? 1), maxLength: 3 });
  }
}

/** Fields a generated body may carry: R required, O optional; PD decided once its siblings are known. */
export function objectArb(
  obj: ObjectModel,
  ctx: Ctx,
  fixed: Body = {},
  overrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Body> {
  const plain: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  const pd: FieldModel[] = [];
  for (const f of obj.fields) {
    if (Object.hasOwn(fixed, f.name)) continue;
    const c = cellOf(f, ctx.ticketType, ctx.op);
    if (c.values !== undefined) continue; // lifecycle-valued (status): the lifecycle suite's business
    if (c.rule === "PD") pd.push(f);
    else if (c.rule === "R" || c.rule === "O") {
      plain[f.name] = overrides[f.name] ?? valueArb(f, ctx);
      if (c.rule === "R") required.push(f.name);
    }
  }
  const base = fc.record(plain, { requiredKeys: required }).map((b) => ({ ...fixed, ...(b as Body) }));
  if (pd.length === 0) return base;
  return base.chain((b) => {
    const extra: Record<string, fc.Arbitrary<unknown>> = {};
    const req: string[] = [];
    for (const f of pd) {
      const l = resolveCell(cellOf(f, ctx.ticketType, ctx.op), b);
      if (l === "R" || l === "O") extra[f.name] = valueArb(f, ctx);
      if (l === "R") req.push(f.name);
    }
    return fc.record(extra, { requiredKeys: req }).map((e) => ({ ...b, ...(e as Body) }));
  });
}

/** A valid body of a ticket type for an operation (POST names a non-default type). */
export function validBodyArb(model: Model, ticketType: string, op: Operation): fc.Arbitrary<Body> {
  const ctx: Ctx = { model, ticketType, op };
  // The type field selects the rules: a non-default type is always named, the default one may be.
  const typeField = model.ticketTypeField;
  if (typeField === undefined) return objectArb(model.root, ctx, {});
  if (op === "POST" && ticketType !== model.defaultTicketType)
    return objectArb(model.root, ctx, { [typeField]: ticketType });
  return objectArb(model.root, ctx, {}, { [typeField]: fc.constant(ticketType) });
}

export interface Mutation {
  readonly kind:
    | "drop a required field"
    | "add a prohibited field"
    | "wrong type"
    | "out of range"
    | "bad enum"
    | "bad format";
  /** Dotted path of the field broken, e.g. relatedParty[0].role */
  readonly path: string;
  /** The top-level field touched (markers must avoid it). */
  readonly top: string;
  readonly body: Body;
}

/** Every single-rule break of a valid body the model defines. */
export function mutationsOf(model: Model, ticketType: string, op: Operation, body: Body): Mutation[] {
  const out: Mutation[] = [];
  const ctx: SampleCtx = { model, ticketType, op, tag: "mut" };
  const walk = (
    obj: ObjectModel,
    here: Body,
    at: string,
    top: string | undefined,
    edit: (fn: (b: Body) => void) => Body,
  ) => {
    for (const f of obj.fields) {
      const l: Letter = resolveCell(cellOf(f, ticketType, op), here);
      const path = at ? `${at}.${f.name}` : f.name;
      const t = top ?? f.name;
      const present = Object.hasOwn(here, f.name);
      const put = (kind: Mutation["kind"], v: unknown) =>
        out.push({
          kind,
          path,
          top: t,
          body: edit((b) => {
            b[f.name] = v;
          }),
        });
      if (present && l === "R")
        out.push({ kind: "drop a required field", path, top: t, body: edit((b) => void delete b[f.name]) });
      if (!present && (l === "P" || l === "-")) put("add a prohibited field", sampleValue(f, ctx));
      if (f.type === "integer" || f.type === "number") {
        if (f.minimum !== undefined) put("out of range", f.minimum - 1);
        if (f.maximum !== undefined) put("out of range", f.maximum + 1);
      }
      if (!present) continue;
      put("wrong type", wrongType(f));
      if (f.enumValues) put("bad enum", `Bogus_${f.name}`);
      const bad = badFormat(f);
      if (bad !== undefined) put("bad format", bad);
      const v = here[f.name];
      const item = Array.isArray(v) ? v[0] : v;
      if (f.object && item !== null && typeof item === "object") {
        const sub = item as Body;
        walk(f.object, sub, Array.isArray(v) ? `${path}[0]` : path, t, (fn) =>
          edit((b) => {
            const copy = structuredClone(b[f.name]) as Body | Body[];
            fn(Array.isArray(copy) ? copy[0]! : copy);
            b[f.name] = copy;
          }),
        );
      }
    }
  };
  walk(model.root, body, "", undefined, (fn) => {
    const b = structuredClone(body);
    fn(b);
    return b;
  });
  return out;
}

/** A valid body and one single-rule break of it. */
export function invalidBodyArb(model: Model, ticketType: string, op: Operation): fc.Arbitrary<Mutation> {
  return validBodyArb(model, ticketType, op).chain((b) => {
    const ms = mutationsOf(model, ticketType, op, b);
    return fc.integer({ min: 0, max: ms.length - 1 }).map((i) => ms[i]!);
  });
}
