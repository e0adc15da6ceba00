// The core's faults of field rules (docs/rules.md §4): each rule letter, each value
// check, the server-set dates. Profile edits bend the letters; the rest are asked for
// where they bend: validate.ts (value checks) and tickets.ts (what is stored).
import { type Cell, cellOf, type FieldModel, type Model } from "../model/model.ts";
import { editCells, escapeRegExp, type FaultSpec, relax } from "./fault-spec.ts";

export const FIELD_FAULTS: readonly FaultSpec[] = [
  {
    name: "accept-missing-required",
    description: "R fields may be left out",
    proof: { suites: ["fields"], names: /without .*\((PD: )?R\)/ },
    profile: (f) => relax(f, "R", "O"),
  },
  {
    name: "accept-prohibited",
    description: "P fields are accepted",
    proof: { suites: ["fields"], names: /carrying .*\((PD: )?P\)/ },
    profile: (f) => relax(f, "P", "O"),
  },
  {
    name: "accept-unsupported",
    description: `a "-" field (not supported) is accepted and stored`,
    arg: { name: "<field>", examples: (m) => rootField(m, (f) => letters(f).includes("-")) },
    proof: {
      suites: ["fields"],
      names: (field) => new RegExp(`carrying ${escapeRegExp(field)} \\(- not supported\\)`),
    },
    profile: (f, field) => relax(f, "-", "O", field),
  },
  {
    name: "drop-optional",
    description: "an O field sent is accepted but never stored or returned",
    arg: {
      name: "<field>",
      // Plain O on a POST of the default type, and no default the server would fill in.
      examples: (m) => rootField(m, (f) => f.name !== m.ticketTypeField && postLetter(m, f) === "O"),
    },
    proof: { suites: ["fields"], names: (field) => new RegExp(`with ${escapeRegExp(field)} \\(O\\) and returns it`) },
  },
  {
    name: "swap-pd-branch",
    description: "a field's PD cells apply the wrong branch (then and otherwise swapped)",
    arg: { name: "<field>", examples: (m) => rootField(m, (f) => cells(f).some((c) => c.when !== undefined)) },
    proof: { suites: ["fields"], names: (field) => new RegExp(`${escapeRegExp(field)} when .* \\(PD: `) },
    profile: (f, field) => editCells(f, (c) => (typeof c === "string" || c.when === undefined ? c : swapped(c)), field),
  },
  {
    name: "accept-wrong-type",
    description: "a scalar of the wrong JSON type (a number for a string, ...) is accepted and stored",
    proof: { suites: ["fields"], names: /whose \S+ is not of type / },
  },
  {
    name: "accept-wrong-enum",
    description: "a value outside the enumeration is accepted",
    arg: { name: "<enum>", examples: (m) => sentEnums(m).slice(0, 1) },
    proof: {
      suites: ["fields"],
      names: (e) => new RegExp(`whose \\S+ is not one of its values: .*enum ${escapeRegExp(e)}:`),
    },
  },
  {
    name: "accept-wrong-format",
    description: "a malformed value of the format (date-time, uri, base64) is accepted",
    arg: { name: "<format>", examples: (m) => sentFormats(m).slice(0, 1) },
    proof: { suites: ["fields"], names: (format) => new RegExp(`whose \\S+ is not a ${escapeRegExp(format)}: `) },
  },
  {
    name: "impossible-date",
    description: "the dates the server sets on a new ticket fall on 30 February, no calendar date",
    proof: {
      suites: ["fields"],
      names: (_, m) => new RegExp(`${escapeRegExp(m.serverFields.createdAt ?? "")}.*date-time`),
    },
  },
  {
    name: "stale-last-update",
    description: "a change leaves the last-update date where it was",
    proof: {
      suites: ["fields"],
      names: (_, m) => new RegExp(`must set ${escapeRegExp(m.serverFields.updatedAt ?? "")}\\b`),
    },
  },
];

const cells = (f: FieldModel): Cell[] => Object.values(f.cells).flatMap((ops) => Object.values(ops));
/** Every letter a field's cells may resolve to. */
const letters = (f: FieldModel): string[] =>
  cells(f).flatMap((c) => (c.rule === "PD" ? [c.then ?? "O", c.otherwise ?? "O"] : [c.rule]));
const postLetter = (m: Model, f: FieldModel) => cellOf(f, m.defaultTicketType, "POST").rule;
const swapped = <C extends { then?: string; otherwise?: string }>(c: C): C => ({
  ...c,
  then: c.otherwise ?? "O",
  otherwise: c.then ?? "O",
});

/** The first root field the server does not set that `pick` chooses, scalars first. */
function rootField(m: Model, pick: (f: FieldModel) => boolean): string[] {
  const fs = m.root.fields.filter((f) => f.server === undefined && pick(f));
  const f = fs.find((x) => x.object === undefined) ?? fs[0];
  return f ? [f.name] : [];
}

/** Fields a request may carry (a cell that may be R or O), and those of their items, as far down as they go. */
function sentFields(m: Model, obj = m.root): FieldModel[] {
  const sent = obj.fields.filter(
    (f) => (f.server === undefined || f.server === "default") && /[RO]/.test(letters(f).join()),
  );
  return sent.flatMap((f) => [f, ...(f.object ? sentFields(m, f.object) : [])]);
}

const sentFormats = (m: Model): string[] => [...new Set(sentFields(m).flatMap((f) => f.format ?? []))];

/**
 * The enumerations of fields a request may carry, the ticket type's last. The
 * lifecycle's field is left out: an unknown state is refused by the lifecycle too (docs/rules.md §5).
 */
function sentEnums(m: Model): string[] {
  const fields = sentFields(m).filter((f) => f.enumName !== undefined && f.path !== m.lifecycle.field);
  const last = (f: FieldModel) => (f.path === m.ticketTypeField ? 1 : 0);
  return [...new Set(fields.sort((a, b) => last(a) - last(b)).map((f) => f.enumName!))];
}
