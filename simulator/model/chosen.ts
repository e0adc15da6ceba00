// The rules a profile marks "chosen" (the document is illegible or silent), as rows
// for the README and for docs/rules.md, so a user holding the original table can
// find each one in a copy of the profile and correct it.
import { cellWords } from "./doc-words.ts";
import type { Cell, FieldModel, Model, ObjectModel } from "./model.ts";
import type { Provenance } from "./profile-file.ts";

export interface RuleRow {
  /** What the rule is about, as a reader names it (a field path, a lifecycle part). */
  where: string;
  /** Where it lives in the profile file, e.g. `objects.Note.fields.author`. */
  key: string;
  rule: string;
  source: string;
  note: string;
}

type Sourced = { provenance: Provenance; source?: string; note?: string };

export function chosenRules(model: Model): RuleRow[] {
  const rows: RuleRow[] = [];
  const add = (where: string, key: string, rule: string, s: Sourced) => {
    if (s.provenance === "chosen") rows.push({ where, key, rule, source: s.source ?? "", note: s.note ?? "" });
  };
  const f = model.file;
  add("api.basePath", "api.basePath", f.api.basePath.value, f.api.basePath);
  add("api.bodyLimitBytes", "api.bodyLimitBytes", `${f.api.bodyLimitBytes.value} (over it: 413)`, f.api.bodyLimitBytes);
  add("ticketTypes.default", "ticketTypes", f.ticketTypes.default, f.ticketTypes);
  for (const [name, e] of Object.entries(f.enums)) add(`enum ${name}`, `enums.${name}`, e.values.join(", "), e);
  const seen = new Set<string>();
  const walk = (obj: ObjectModel) => {
    if (seen.has(obj.name)) return;
    seen.add(obj.name);
    for (const field of obj.fields) {
      rows.push(...fieldRows(model, obj, field));
      if (field.object) walk(field.object);
    }
  };
  walk(model.root);
  add("patch", "patch", `content types ${f.patch.contentTypes.join(", ")}; arrays marked append are appended`, f.patch);
  add("unknown fields", "unknownFields", f.unknownFields.rule, f.unknownFields);
  const lc = f.lifecycle;
  add("lifecycle.initial", "lifecycle.initial", lc.initial.value, lc.initial);
  add("lifecycle.final", "lifecycle.final", lc.final.values.join(", "), lc.final);
  for (const side of ["provider", "operator"] as const)
    for (const [i, t] of lc[side].entries())
      add(`lifecycle.${side}`, `lifecycle.${side}[${i}]`, `${t.from.join("|")} -> ${t.to.join("|")}`, t);
  for (const [i, a] of (lc.onAppend ?? []).entries())
    add(
      "lifecycle.onAppend",
      `lifecycle.onAppend[${i}]`,
      `${a.from.join("|")} + ${a.fields.join("|")} appended -> ${a.to}`,
      a,
    );
  for (const [state, sets] of Object.entries(lc.onEnter ?? {}))
    for (const [i, s] of sets.entries())
      add(
        `lifecycle.onEnter.${state}`,
        `lifecycle.onEnter.${state}[${i}]`,
        `${s.field} = ${JSON.stringify(s.value)}${s.ticketTypes ? ` (${s.ticketTypes.join(", ")})` : ""}`,
        s,
      );
  for (const [i, x] of (lc.onLeave ?? []).entries())
    add(
      "lifecycle.onLeave",
      `lifecycle.onLeave[${i}]`,
      `${x.from.join("|")} -> ${x.to.join("|")} clears ${x.clear.join(", ")}`,
      x,
    );
  add("providerFields", "providerFields", f.providerFields.fields.join(", "), f.providerFields);
  for (const [i, ff] of f.filtering.fields.entries())
    add("filtering.fields", `filtering.fields[${i}]`, [ff.field, ...(ff.aliases ?? [])].join(" / "), ff);
  const fl = f.filtering;
  add("filtering.unknownParameters", "filtering.unknownParameters", fl.unknownParameters.rule, fl.unknownParameters);
  add(
    "filtering.order",
    "filtering.order",
    fl.order.by.map((o) => `${o.field} ${o.direction}`).join(", then "),
    fl.order,
  );
  if (fl.dateOnly) add("filtering.dateOnly", "filtering.dateOnly", fl.dateOnly.rule, fl.dateOnly);
  add("filtering.limit", "filtering.limit", `default ${fl.limit.default}, max ${fl.limit.max}`, fl.limit);
  const ev = f.events;
  add("events.listenerPath", "events.listenerPath", ev.listenerPath.style, ev.listenerPath);
  for (const [i, r] of ev.rules.entries())
    add("events.rules", `events.rules[${i}]`, `${r.eventType} on ${r.on}${r.state ? ` ${r.state}` : ""}`, r);
  add(
    "events.hub",
    "events.hub",
    `callback schemes ${ev.hub.callbackSchemes.join(", ")}; query parameter ${ev.hub.eventTypeParameter}`,
    ev.hub,
  );
  return rows;
}

function fieldRows(model: Model, obj: ObjectModel, field: FieldModel): RuleRow[] {
  const cells = model.ticketTypes.flatMap((t) =>
    model.operations.map((op) => ({ t, op, cell: field.cells[t]?.[op] as Cell })),
  );
  const chosen = field.provenance === "chosen" ? cells : cells.filter((c) => c.cell.provenance === "chosen");
  if (chosen.length === 0) return [];
  const label = (t: string, op: string) => (model.ticketTypes.length > 1 ? `${t} ${op}` : op);
  const rule =
    chosen.length === cells.length
      ? cells.map(({ cell }) => cellWords(cell)).join(" / ")
      : chosen.map(({ t, op, cell }) => `${label(t, op)}: ${cellWords(cell)}`).join("; ");
  const notes = [...new Set([field.note, ...chosen.map((c) => c.cell.note)].filter((n) => n !== undefined))];
  return [
    {
      where: field.path,
      key: `objects.${obj.name}.fields.${field.name}`,
      rule,
      source: field.source ?? "",
      note: notes.join(" "),
    },
  ];
}

/** The column order of field rules, in words: "Customer_Trouble_Ticket POST / ... / Complaint PATCH". */
export function columnOrder(model: Model): string {
  return model.ticketTypes
    .flatMap((t) => model.operations.map((op) => (model.ticketTypes.length > 1 ? `${t} ${op}` : op)))
    .join(" / ");
}

/** The README's table: where, rule and source (the reasons are in docs/rules.md). */
export function chosenRulesMarkdown(model: Model): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    `Field rules read in the order ${columnOrder(model)}. Why each rule was chosen: [docs/rules.md](docs/rules.md#chosen-rules).`,
    "",
    "| where | chosen rule | source |",
    "|---|---|---|",
  ];
  for (const r of chosenRules(model)) lines.push(`| \`${esc(r.where)}\` | ${esc(r.rule)} | ${esc(r.source)} |`);
  return lines.join("\n");
}
