// Field-rule cases generated from the profile: for every ticket type x operation x
// field and sub-field, one case per rule (docs/rules.md §4). Pure: bodies and expectations
// only; suites/fields/*.test.ts sends them.
import {
  cellOf,
  type FieldModel,
  isUnsupported,
  type Letter,
  type Model,
  type ObjectModel,
  type Operation,
} from "../../simulator/model/model.ts";
import type { RuleRef } from "../report/case.ts";
import {
  allows,
  type Body,
  badFormat,
  lettersOf,
  minimalBody,
  normalize,
  type SampleCtx,
  sampleValue,
  wrongType,
} from "./samples.ts";

export type Expect =
  | { readonly kind: "reject"; readonly naming: readonly string[] }
  | { readonly kind: "accept"; readonly defaults: Readonly<Body> };

export interface FieldCase {
  readonly title: string;
  readonly ticketType: string;
  readonly op: Operation;
  readonly rule: RuleRef;
  readonly body: Body;
  readonly expect: Expect;
}

/** Where a field sits: the chain of container fields from the root (arrays: their first item). */
interface Loc {
  readonly field: FieldModel;
  readonly obj: ObjectModel;
  readonly chain: readonly FieldModel[];
  readonly display: string;
}

const LETTER: Record<Letter, string> = { R: "R", O: "O", P: "P", "-": "- not supported" };

function* locations(obj: ObjectModel, ctx: SampleCtx, chain: readonly FieldModel[], prefix: string): Generator<Loc> {
  for (const f of obj.fields) {
    const display = `${prefix}${f.name}`;
    yield { field: f, obj, chain, display };
    // Sub-fields matter only where the parent may be sent at all.
    if (f.object && lettersOf(f, ctx).some(allows) && !isUnsupported(f)) {
      yield* locations(f.object, ctx, [...chain, f], `${display}${f.type === "array" ? "[]" : ""}.`);
    }
  }
}

/** The container object of a location in `body`, created from valid samples where missing. */
function container(body: Body, chain: readonly FieldModel[], ctx: SampleCtx): Body {
  let here = body;
  for (const f of chain) {
    if (!Object.hasOwn(here, f.name)) here[f.name] = sampleValue(f, ctx);
    const v = here[f.name];
    here = (Array.isArray(v) ? v[0] : v) as Body;
  }
  return here;
}

/** Sets the PD condition of `f` to hold or not in its container. */
function applyCondition(loc: Loc, c: Body, holds: boolean, ctx: SampleCtx): void {
  const when = cellOf(loc.field, ctx.ticketType, ctx.op).when;
  if (!when) return;
  const cond = loc.obj.byName.get(when.field);
  if (!cond) return;
  if ("present" in when) {
    if (when.present === holds) c[cond.name] = sampleValue(cond, ctx);
    else delete c[cond.name];
    return;
  }
  if (holds) c[cond.name] = when.in[0];
  else {
    const other = cond.enumValues?.find((v) => !when.in.includes(v));
    if (other !== undefined) c[cond.name] = other;
    else delete c[cond.name];
  }
}

/**
 * Whether a PD branch can be reached by a body that breaks no other rule: a
 * condition on a field that must always be present (R) has no "absent" branch,
 * one on a field that may never be sent (P, -) has no "present" branch.
 */
function conditionReachable(loc: Loc, holds: boolean, ctx: SampleCtx): boolean {
  const when = cellOf(loc.field, ctx.ticketType, ctx.op).when;
  const cond = when && loc.obj.byName.get(when.field);
  if (!when || !cond) return true;
  const present =
    "present" in when ? when.present === holds : holds || cond.enumValues?.some((v) => !when.in.includes(v)) === true;
  const letters = lettersOf(cond, ctx);
  return present ? letters.some(allows) : letters.some((l) => l !== "R");
}

export function fieldCases(model: Model, tag: string): FieldCase[] {
  const out: FieldCase[] = [];
  for (const ticketType of model.ticketTypes) {
    for (const op of model.operations) {
      const ctx: SampleCtx = { model, ticketType, op, tag };
      const operation = `${op} /${model.resource} (${ticketType})`;
      const base = () => minimalBody(ctx);
      out.push({
        title: `accepts the minimal valid ${ticketType} ${op} and returns the server-set fields`,
        ticketType,
        op,
        rule: {
          area: "Field rules",
          operation,
          rule: "a body meeting every rule is accepted",
          provenance: "TMF",
          source: "docs/rules.md §4",
        },
        body: base(),
        expect: { kind: "accept", defaults: {} },
      });
      const seenContainers = new Set<string>();
      for (const loc of locations(model.root, ctx, [], "")) {
        const cell = cellOf(loc.field, ticketType, op);
        const f = loc.field;
        const rule = (what: string): RuleRef => ({
          area: "Field rules",
          operation,
          rule: `${loc.display}: ${what}`,
          provenance: cell.provenance,
          source: cell.description ?? f.source ?? "docs/rules.md §4",
        });
        /** A case body: the minimal body, with the field's container, edited, then the rest made valid again. */
        const make = (edit: (c: Body) => void, holds?: boolean): Body => {
          const body = base();
          const c = container(body, loc.chain, ctx);
          if (holds !== undefined) applyCondition(loc, c, holds, ctx);
          edit(c);
          const condField = cell.when?.field;
          normalize(loc.obj, c, ctx, condField ? [f.name, condField] : [f.name]);
          if (loc.chain.length > 0) normalize(model.root, body, ctx, [loc.chain[0]!.name]);
          return body;
        };
        const set = (v: unknown) => (c: Body) => {
          c[f.name] = v;
        };
        const drop = (c: Body) => void delete c[f.name];
        const reject = (title: string, what: string, body: Body, naming = f.name): void =>
          void out.push({
            title: `rejects a ${ticketType} ${op} ${title}`,
            ticketType,
            op,
            rule: rule(what),
            body,
            expect: { kind: "reject", naming: [naming] },
          });
        const accept = (title: string, what: string, body: Body, defaults: Body = {}): void =>
          void out.push({
            title: `accepts a ${ticketType} ${op} ${title}`,
            ticketType,
            op,
            rule: rule(what),
            body,
            expect: { kind: "accept", defaults },
          });

        // The type field selects the rules: a non-default type without it is judged as the default type.
        const selectsType = loc.chain.length === 0 && f.name === model.ticketTypeField && op === "POST";
        const branches: Array<{ letter: Letter; holds?: boolean; label: string }> =
          cell.rule === "PD" && cell.when
            ? [
                { letter: cell.then ?? "O", holds: true, label: ` when ${describeWhen(cell.when)}` },
                { letter: cell.otherwise ?? "O", holds: false, label: ` when ${describeWhen(cell.when, true)}` },
              ]
            : [{ letter: cell.rule === "PD" ? (cell.then ?? "O") : cell.rule, label: "" }];
        // A branch no valid body can reach has no case (its condition field's own rule forbids it).
        const reachable = branches.filter((b) => b.holds === undefined || conditionReachable(loc, b.holds, ctx));
        const pd = cell.rule === "PD" ? "PD: " : "";
        for (const b of reachable) {
          const what = `${pd}${LETTER[b.letter]}${b.label}`;
          const at = `${loc.display}${b.label} (${pd}${LETTER[b.letter]})`;
          const value = selectsType ? ticketType : sampleValue(f, ctx, true);
          if (b.letter === "R") {
            reject(`without ${at}`, what, make(drop, b.holds));
            if (cell.rule === "PD") accept(`with ${at} and returns it`, what, make(set(value), b.holds));
          } else if (b.letter === "O") {
            accept(`with ${at} and returns it`, what, make(set(value), b.holds));
            if (selectsType && ticketType !== model.defaultTicketType) continue;
            const defaults = loc.chain.length === 0 && f.server === "default" ? { [f.name]: f.default } : {};
            const note = Object.keys(defaults).length > 0 ? ` and defaults it to ${String(f.default)}` : "";
            accept(`without ${at}${note}`, what, make(drop, b.holds), defaults);
          } else {
            reject(`carrying ${at}`, what, make(set(value), b.holds));
            if (cell.rule === "PD") accept(`without ${at}`, what, make(drop, b.holds));
          }
        }
        // Value rules, checked in a branch where the field may be sent.
        const ok = reachable.find((b) => allows(b.letter));
        if (ok) {
          const inBranch = (v: unknown) => make(set(v), ok.holds);
          reject(`whose ${loc.display} is not of type ${f.type}`, `type ${f.type}`, inBranch(wrongType(f)));
          if (f.enumValues)
            reject(
              `whose ${loc.display} is not one of its values`,
              `enum ${f.enumName ?? ""}: ${f.enumValues.join(", ")}`,
              inBranch(`Not_A_${f.name}`),
            );
          const bad = badFormat(f);
          if (bad !== undefined)
            reject(`whose ${loc.display} is not a ${f.format}`, `format ${f.format}`, inBranch(bad));
          if (f.minLength !== undefined && f.minLength > 0)
            reject(
              `whose ${loc.display} is too short`,
              `minLength ${f.minLength}`,
              inBranch("x".repeat(f.minLength - 1)),
            );
          if (f.minItems !== undefined && f.minItems > 0)
            reject(`whose ${loc.display} has too few items`, `minItems ${f.minItems}`, inBranch([]));
          if (f.minimum !== undefined)
            reject(`whose ${loc.display} is below ${f.minimum}`, `minimum ${f.minimum}`, inBranch(f.minimum - 1));
          if (f.maximum !== undefined)
            reject(`whose ${loc.display} is above ${f.maximum}`, `maximum ${f.maximum}`, inBranch(f.maximum + 1));
        }
        // One unknown-field case per container (docs/rules.md §4: unknown fields are 400, chosen).
        const where = loc.chain.map((p) => p.name).join(".");
        if (model.rejectUnknownFields && !seenContainers.has(where)) {
          seenContainers.add(where);
          const unknown = `xUnknown${loc.obj.name}`;
          const body = make((c) => {
            c[unknown] = "x";
          });
          const label = loc.chain.length === 0 ? "" : ` in ${loc.display.slice(0, loc.display.lastIndexOf("."))}`;
          out.push({
            title: `rejects a ${ticketType} ${op} carrying a field the profile does not know${label}`,
            ticketType,
            op,
            rule: {
              area: "Field rules",
              operation,
              rule: `unknown fields are rejected${label}`,
              provenance: model.file.unknownFields.provenance,
              source: model.file.unknownFields.source ?? "docs/rules.md §4",
            },
            body,
            expect: { kind: "reject", naming: [unknown] },
          });
        }
      }
    }
  }
  return out;
}

function describeWhen(w: NonNullable<ReturnType<typeof cellOf>["when"]>, negated = false): string {
  if ("present" in w) return `${w.field} is ${w.present !== negated ? "present" : "absent"}`;
  return `${w.field} is ${negated ? "not " : ""}${w.in.join(" or ")}`;
}
