// Example requests of the API, derived from the rule model (never written per field):
// the bodies and queries an exported collection shows for each ticket type. Each
// example is valid for the profile it comes from, so a collection built from them
// runs green against the simulator loaded with that profile.
import type { FieldModel, FilterField, Model, Transition } from "./model.ts";
import { cellOf, resolveCell, targetsFrom } from "./model.ts";
import { sampleObject, sampleTicket, sampleValue } from "./sample.ts";

export type Body = Record<string, unknown>;

/** A POST body for a ticket type: its required fields (docs/rules.md §4). */
export function createExample(model: Model, ticketType: string): Body {
  return sampleTicket(model, ticketType);
}

/** A value of `f` other than `before` (the same kind of value, still valid). */
export function changedValue(f: FieldModel, before: unknown): unknown {
  if (f.enumValues) return f.enumValues.find((v) => v !== before) ?? f.enumValues[0];
  switch (f.type) {
    case "boolean":
      return before !== true;
    case "integer":
    case "number": {
      const from = typeof before === "number" ? before : (f.minimum ?? 0);
      return f.maximum !== undefined && from + 1 > f.maximum ? (f.minimum ?? f.maximum - 1) : from + 1;
    }
    default:
      if (f.format === "date-time") return "2021-03-01T09:30:00Z";
      return `changed ${f.name}`;
  }
}

const scalar = (f: FieldModel) => f.type !== "array" && f.type !== "object";

/** Fields a request may not choose freely: server-set, the ticket type, the lifecycle's own. */
function reserved(model: Model, f: FieldModel): boolean {
  const lc = model.lifecycle;
  return (
    f.server !== undefined ||
    f.name === model.ticketTypeField ||
    f.name === lc.field ||
    f.name === lc.reasonField ||
    f.name.startsWith("@")
  );
}

const allowedOnPatch = (f: FieldModel, ticketType: string, body: Body) =>
  resolveCell(cellOf(f, ticketType, "PATCH"), body) === "O";

/** An operator PATCH changing one plain attribute (docs/rules.md §4): the first the PATCH rules allow. */
export function attributeExample(model: Model, ticketType: string, created: Body): Body | undefined {
  const f = model.root.fields.find(
    (x) =>
      scalar(x) &&
      x.format === undefined &&
      !reserved(model, x) &&
      allowedOnPatch(x, ticketType, { [x.name]: created[x.name] ?? "" }),
  );
  return f && { [f.name]: changedValue(f, created[f.name]) };
}

/**
 * An operator PATCH adding one item to a list (docs/rules.md §4, §5): a field whose
 * appending the lifecycle reacts to (a note), else one that appends, else any list
 * of objects the PATCH rules allow. The item holds every field its rules allow.
 */
export function appendExample(model: Model, ticketType: string): Body | undefined {
  const lists = model.root.fields.filter(
    (f) => f.type === "array" && f.object !== undefined && !reserved(model, f) && allowedOnPatch(f, ticketType, {}),
  );
  const onAppend = new Set(model.lifecycle.onAppend.flatMap((a) => a.fields));
  const f =
    lists.find((x) => onAppend.has(x.name)) ?? lists.find((x) => x.onPatch === "append") ?? lists.find(() => true);
  if (f?.object === undefined) return undefined;
  return { [f.name]: [sampleObject(model, f.object, ticketType, "PATCH", "all")] };
}

/** An operator status change from `from` (docs/rules.md §5): a target that is not final when there is one. */
export function operatorMove(model: Model, from: string): Transition | undefined {
  const lc = model.lifecycle;
  const targets = targetsFrom(lc.operator, from);
  const to = targets.find((t) => !lc.final.has(t)) ?? targets[0];
  return to === undefined ? undefined : lc.operator.find((t) => t.from === from && t.to === to);
}

/** The PATCH body of a status change, with a reason where the profile has a reason field. */
export function moveBody(model: Model, ticketType: string, t: Pick<Transition, "from" | "to">): Body {
  const lc = model.lifecycle;
  const body: Body = { [lc.field]: t.to };
  const reason = lc.reasonField === undefined ? undefined : model.root.byName.get(lc.reasonField);
  if (reason && resolveCell(cellOf(reason, ticketType, "PATCH"), body) !== "P")
    body[reason.name] = `${t.from} -> ${t.to}`;
  return body;
}

/**
 * Nexera's moves from the initial state (docs/rules.md §5): the profile's autoplay path
 * as far as each step is a Nexera transition, else Nexera's first move.
 */
export function nexeraPath(model: Model): Array<Pick<Transition, "from" | "to">> {
  const lc = model.lifecycle;
  const steps: Array<Pick<Transition, "from" | "to">> = [];
  let at = lc.initial;
  for (const to of lc.autoplay) {
    if (!targetsFrom(lc.provider, at).includes(to)) break;
    steps.push({ from: at, to });
    at = to;
  }
  if (steps.length > 0) return steps;
  const first = targetsFrom(lc.provider, lc.initial)[0];
  return first === undefined ? [] : [{ from: lc.initial, to: first }];
}

/**
 * Nexera-side attributes (docs/rules.md §8, the profile's providerFields): the plain
 * ones a state change does not set by itself, each changed from the created ticket's.
 */
export function nexeraFieldsExample(model: Model, ticketType: string, created: Body): Body | undefined {
  const bySelf = new Set(Object.values(model.lifecycle.onEnter).flatMap((xs) => xs.map((x) => x.field)));
  const body: Body = {};
  for (const name of model.providerFields) {
    const f = model.root.byName.get(name);
    if (!f || !scalar(f) || bySelf.has(name) || cellOf(f, ticketType, "PATCH").rule === "-") continue;
    body[name] = Object.hasOwn(created, name)
      ? changedValue(f, created[name])
      : sampleValue(model, f, ticketType, "PATCH");
  }
  return Object.keys(body).length > 0 ? body : undefined;
}

export interface QueryExample {
  readonly title: string;
  readonly query: ReadonlyArray<readonly [name: string, value: string]>;
}

/**
 * List queries (docs/rules.md §7): a page, a projection, an exact match on each filter
 * name (aliases included), and each comparison operator once per kind of value.
 * `exampleOf` gives a filter's example value (the caller knows the tickets it created).
 */
export function listExamples(model: Model, exampleOf: (ff: FilterField) => string): QueryExample[] {
  const { fields, offset, limit } = model.reserved;
  const out: QueryExample[] = [
    {
      title: "a page",
      query: [
        [offset, "0"],
        [limit, "2"],
      ],
    },
    { title: "some fields only", query: [[fields, [model.idField, model.lifecycle.field].join(",")]] },
  ];
  for (const ff of model.filterFieldList)
    for (const name of ff.names)
      out.push({
        title: `by ${name}${name === ff.field.name ? "" : ` (another name of ${ff.field.name})`}`,
        query: [[name, exampleOf(ff)]],
      });
  // Each operator once per kind of value, on the creation date where it is one (every ticket has it).
  const created = model.serverFields.createdAt;
  const byCreation = [...model.filterFieldList].sort(
    (a, b) => +(b.field.name === created) - +(a.field.name === created),
  );
  const kinds = new Set<string>();
  for (const ff of byCreation) {
    const kind = ff.field.format ?? ff.field.type;
    if (ff.operators.length === 0 || kinds.has(kind)) continue;
    kinds.add(kind);
    const value = String(sampleValue(model, ff.field, model.defaultTicketType, "POST"));
    for (const op of ff.operators)
      out.push({ title: `by ${ff.field.name}.${op}`, query: [[`${ff.field.name}.${op}`, value]] });
  }
  return out;
}
