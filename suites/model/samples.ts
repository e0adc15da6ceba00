// Valid values and request bodies derived from the rule model alone: the suites'
// own idea of what a server must accept (never the simulator's validators).
import {
  cellOf,
  type FieldModel,
  type Letter,
  type Model,
  type ObjectModel,
  type Operation,
  resolveCell,
  targetsFrom,
} from "../../simulator/model/model.ts";
import { HarnessError } from "../support/errors.ts";

export type Body = Record<string, unknown>;

export interface SampleCtx {
  readonly model: Model;
  readonly ticketType: string;
  readonly op: Operation;
  /** Unique text put into string values, so what comes back is recognisably ours. */
  readonly tag: string;
  /** The ticket's status, for PATCH values tied to the lifecycle. */
  readonly state?: string;
}

/** The plain letter of a field for one request body (PD resolved against the field's siblings). */
export function letterOf(f: FieldModel, ctx: SampleCtx, container: Readonly<Body>): Letter {
  return resolveCell(cellOf(f, ctx.ticketType, ctx.op), container);
}

/** Letters a field can take in this cell (both branches of a PD). */
export function lettersOf(f: FieldModel, ctx: SampleCtx): Letter[] {
  const c = cellOf(f, ctx.ticketType, ctx.op);
  if (c.rule !== "PD") return [c.rule];
  if (c.when === undefined) return [c.then ?? "O"];
  return [c.then ?? "O", c.otherwise ?? "O"];
}

export const allows = (l: Letter) => l === "R" || l === "O";

/** A valid value of a field. `full` fills optional sub-fields of objects too. */
export function sampleValue(f: FieldModel, ctx: SampleCtx, full = false): unknown {
  const cell = cellOf(f, ctx.ticketType, ctx.op);
  if (cell.values === "operatorTransitions") {
    const lc = ctx.model.lifecycle;
    const to = targetsFrom(lc.operator, ctx.state ?? lc.initial)[0];
    if (to === undefined)
      throw new HarnessError(`no operator transition from ${ctx.state ?? lc.initial}: cannot sample ${f.path}`);
    return to;
  }
  if (f.enumValues) return f.enumValues[0];
  switch (f.type) {
    case "string":
      if (f.format === "date-time") return new Date(Date.UTC(2021, 1, 26, 12, 0, 0)).toISOString();
      if (f.format === "base64") return Buffer.from(`${f.name} ${ctx.tag}`).toString("base64");
      if (f.format === "uri") return `https://example.org/${ctx.tag}/${f.name}`;
      return `${f.name.replace(/^@/, "")}-${ctx.tag}`;
    case "integer":
      return Math.min(Math.max(f.minimum ?? 1, 1), f.maximum ?? Number.MAX_SAFE_INTEGER);
    case "number":
      return Math.min((f.minimum ?? 0) + 1.5, f.maximum ?? Number.MAX_VALUE);
    case "boolean":
      return true;
    case "object":
      return f.object ? sampleObject(f.object, ctx, full) : {};
    case "array": {
      const n = Math.max(f.minItems ?? 1, 1);
      return Array.from({ length: n }, (_, i) =>
        f.object ? sampleObject(f.object, { ...ctx, tag: `${ctx.tag}${i || ""}` }, full) : `${f.name}-${ctx.tag}`,
      );
    }
  }
}

/** A field Nexera sets (providerFields, docs/rules.md §8) that one value replaces (priority in the Nexera profile). */
export function providerScalar(model: Model): FieldModel | undefined {
  return model.providerFields
    .map((n) => model.root.byName.get(n))
    .find(
      (f): f is FieldModel =>
        f !== undefined && f.onPatch !== "append" && ["string", "integer", "number"].includes(f.type),
    );
}

/** A valid value of a field other than `current` (so setting it is a change). */
export function otherValue(f: FieldModel, ctx: SampleCtx, current: unknown): unknown {
  return [sampleValue(f, ctx), ...(f.enumValues ?? []), f.minimum, f.maximum].find(
    (v) => v !== undefined && v !== current,
  );
}

/** An object with its R fields (and PD fields resolving to R); `full` adds the optional ones. */
export function sampleObject(obj: ObjectModel, ctx: SampleCtx, full = false): Body {
  const body: Body = {};
  const want = (l: Letter) => l === "R" || (full && l === "O");
  for (const f of obj.fields) {
    const c = cellOf(f, ctx.ticketType, ctx.op);
    if (c.rule !== "PD" && want(c.rule)) body[f.name] = sampleValue(f, ctx, full);
  }
  // PD conditions read siblings, so they are decided once the plain fields are in.
  for (const f of obj.fields) {
    const c = cellOf(f, ctx.ticketType, ctx.op);
    if (c.rule === "PD" && c.values === undefined && want(resolveCell(c, body)))
      body[f.name] = sampleValue(f, ctx, full);
  }
  return body;
}

/** The smallest valid request body of a ticket type and operation. */
export function minimalBody(ctx: SampleCtx): Body {
  const body = sampleObject(ctx.model.root, ctx);
  // A type other than the default must be named, or the body is judged as the default type.
  const typeField = ctx.model.ticketTypeField;
  if (typeField !== undefined && ctx.op === "POST" && ctx.ticketType !== ctx.model.defaultTicketType)
    body[typeField] = ctx.ticketType;
  return body;
}

/**
 * Makes every field of an object but `keep` obey its rule again after an edit:
 * adds what became required, drops what became prohibited. So a case body breaks
 * exactly one rule.
 */
export function normalize(obj: ObjectModel, body: Body, ctx: SampleCtx, keep: readonly string[]): Body {
  for (let pass = 0; pass < 2; pass++) {
    for (const f of obj.fields) {
      if (keep.includes(f.name)) continue;
      const l = letterOf(f, ctx, body);
      const present = Object.hasOwn(body, f.name);
      if (l === "R" && !present) body[f.name] = sampleValue(f, ctx);
      if ((l === "P" || l === "-") && present) delete body[f.name];
    }
  }
  return body;
}

/** A value of the wrong JSON type for a field. */
export function wrongType(f: FieldModel): unknown {
  switch (f.type) {
    case "string":
      return 12345;
    case "integer":
    case "number":
      return "7";
    case "boolean":
      return "yes";
    case "array":
      return { not: "an array" };
    case "object":
      return "not an object";
  }
}

/** A value breaking a field's format, or undefined when it has none. */
export function badFormat(f: FieldModel): unknown {
  if (f.format === "date-time") return "26/02/2021 noon";
  if (f.format === "base64") return "%%% not base64 %%%";
  if (f.format === "uri") return "not a uri";
  return undefined;
}

export const deepCopy = <T>(v: T): T => structuredClone(v);
