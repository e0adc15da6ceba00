// The rules a profile marks "chosen" (the document is illegible or silent), as rows
// for the README, so a user holding the original table can correct them in a copy.
import type { Cell, FieldModel, Model, ObjectModel } from "./model.ts";
import type { Provenance } from "./profile-file.ts";

export interface RuleRow {
  where: string;
  rule: string;
  source: string;
}

type Sourced = { provenance: Provenance; source?: string };

export function chosenRules(model: Model): RuleRow[] {
  const rows: RuleRow[] = [];
  const add = (where: string, rule: string, s: Sourced) => {
    if (s.provenance === "chosen") rows.push({ where, rule, source: s.source ?? "" });
  };
  const f = model.file;
  add("api.basePath", f.api.basePath.value, f.api.basePath);
  add("api.bodyLimitBytes", `${f.api.bodyLimitBytes.value} (over it: 413)`, f.api.bodyLimitBytes);
  add("ticketTypes.default", f.ticketTypes.default, f.ticketTypes);
  const seen = new Set<string>();
  const walk = (obj: ObjectModel) => {
    if (seen.has(obj.name)) return;
    seen.add(obj.name);
    for (const field of obj.fields) {
      rows.push(...fieldRows(model, field));
      if (field.object) walk(field.object);
    }
  };
  walk(model.root);
  add("patch", `content types ${f.patch.contentTypes.join(", ")}; arrays marked append are appended`, f.patch);
  add("unknown fields", f.unknownFields.rule, f.unknownFields);
  const lc = f.lifecycle;
  add("lifecycle.initial", lc.initial.value, lc.initial);
  add("lifecycle.final", lc.final.values.join(", "), lc.final);
  for (const side of ["provider", "operator"] as const)
    for (const t of lc[side]) add(`lifecycle.${side}`, `${t.from.join("|")} -> ${t.to.join("|")}`, t);
  for (const a of lc.onAppend ?? [])
    add("lifecycle.onAppend", `${a.from.join("|")} + ${a.fields.join("|")} appended -> ${a.to}`, a);
  for (const [state, sets] of Object.entries(lc.onEnter ?? {}))
    for (const s of sets)
      add(
        `lifecycle.onEnter.${state}`,
        `${s.field} = ${JSON.stringify(s.value)}${s.ticketTypes ? ` (${s.ticketTypes.join(", ")})` : ""}`,
        s,
      );
  add("providerFields", f.providerFields.fields.join(", "), f.providerFields);
  for (const ff of f.filtering.fields) add("filtering.fields", [ff.field, ...(ff.aliases ?? [])].join(" / "), ff);
  add("filtering.unknownParameters", f.filtering.unknownParameters.rule, f.filtering.unknownParameters);
  add(
    "filtering.order",
    f.filtering.order.by.map((o) => `${o.field} ${o.direction}`).join(", then "),
    f.filtering.order,
  );
  if (f.filtering.dateOnly) add("filtering.dateOnly", f.filtering.dateOnly.rule, f.filtering.dateOnly);
  add("filtering.limit", `default ${f.filtering.limit.default}, max ${f.filtering.limit.max}`, f.filtering.limit);
  add("events.listenerPath", f.events.listenerPath.style, f.events.listenerPath);
  for (const r of f.events.rules) add("events.rules", `${r.eventType} on ${r.on}${r.state ? ` ${r.state}` : ""}`, r);
  add(
    "events.hub",
    `callback schemes ${f.events.hub.callbackSchemes.join(", ")}; query parameter ${f.events.hub.eventTypeParameter}`,
    f.events.hub,
  );
  return rows;
}

function fieldRows(model: Model, field: FieldModel): RuleRow[] {
  const cells = model.ticketTypes.flatMap((t) =>
    model.operations.map((op) => ({ t, op, cell: field.cells[t]?.[op] as Cell })),
  );
  const chosen = field.provenance === "chosen" ? cells : cells.filter((c) => c.cell.provenance === "chosen");
  if (chosen.length === 0) return [];
  const rule =
    chosen.length === cells.length
      ? cells.map(({ cell }) => describeCell(cell)).join(" / ")
      : chosen.map(({ t, op, cell }) => `${t} ${op}: ${describeCell(cell)}`).join("; ");
  return [{ where: field.path, rule, source: field.source ?? "" }];
}

export function describeCell(cell: Cell): string {
  if (cell.rule !== "PD") return cell.rule;
  const cond = cell.when
    ? "present" in cell.when
      ? `${cell.when.field} ${cell.when.present ? "present" : "absent"}`
      : `${cell.when.field} in ${cell.when.in.join("|")}`
    : undefined;
  const values = cell.values === "operatorTransitions" ? " (operator transitions only)" : "";
  return cond ? `PD: ${cell.then} when ${cond}, else ${cell.otherwise}${values}` : `PD: ${cell.then}${values}`;
}

export function chosenRulesMarkdown(model: Model): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const order = model.ticketTypes.flatMap((t) => model.operations.map((op) => `${t} ${op}`)).join(" / ");
  const lines = [`Field rules read in the order ${order}.`, "", "| where | chosen rule | note |", "|---|---|---|"];
  for (const r of chosenRules(model)) lines.push(`| \`${esc(r.where)}\` | ${esc(r.rule)} | ${esc(r.source)} |`);
  return lines.join("\n");
}
