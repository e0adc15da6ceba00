// The field tables of §4: one per object the ticket holds, walked by path from the
// root (`attachment.size.amount`), each field with its rule cells in the profile's
// column order and a line of details (type, server, lifecycle, provenance, note).
import { blocks, code, mark, noteText, sentence, sourced, table, words } from "./doc-text.ts";
import { cellWords, enterValueWords, serverWords, typeLong, typeShort } from "./doc-words.ts";
import type { Cell, FieldModel, Model, ObjectModel, Operation } from "./model.ts";

interface Column {
  readonly ticketType: string;
  readonly op: Operation;
  readonly label: string;
}

export function columns(model: Model): Column[] {
  const named = model.ticketTypeField !== undefined || model.ticketTypes.length > 1;
  return model.ticketTypes.flatMap((t) =>
    model.operations.map((op) => ({ ticketType: t, op, label: named ? `${t}<br>${op}` : op })),
  );
}

/** Every object of the ticket, in the order a reader meets it: the root, then each field's object depth first. */
export function objectTables(model: Model): string {
  const out: string[] = [];
  const visit = (obj: ObjectModel, owner: FieldModel | undefined) => {
    out.push(objectTable(model, obj, owner));
    for (const f of obj.fields) if (f.object) visit(f.object, f);
  };
  visit(model.root, undefined);
  return blocks(...out);
}

function objectTable(model: Model, obj: ObjectModel, owner: FieldModel | undefined): string {
  const cols = columns(model);
  const rows = obj.fields.map((f) => [
    code(f.path),
    typeShort(f),
    ...cols.map((c) => cellText(f, f.cells[c.ticketType]?.[c.op])),
    mark(f.provenance),
  ]);
  const title = owner
    ? `### ${code(owner.path)}${owner.type === "array" ? " items" : ""} (${obj.name})`
    : `### The ticket (${obj.name})`;
  const intro = owner ? ownerText(owner) : `The root resource, \`${model.resource}\`:`;
  return blocks(
    title,
    intro,
    table(["field", "type", ...cols.map((c) => c.label), "provenance"], rows),
    obj.fields.map((f) => `- ${code(f.path)}: ${details(model, f, owner === undefined)}`).join("\n"),
  );
}

function cellText(f: FieldModel, cell: Cell | undefined): string {
  if (cell === undefined) return "";
  const words = cellWords(cell);
  return cell.provenance === f.provenance ? words : `${words} (${mark(cell.provenance)})`;
}

function ownerText(owner: FieldModel): string {
  const letters = new Set(Object.values(owner.cells).flatMap((ops) => Object.values(ops).map((c) => c.rule)));
  const never = letters.size === 1 && (letters.has("P") || letters.has("-"));
  const each =
    owner.type === "array"
      ? `The rules apply to each item of ${code(owner.path)} a request carries.`
      : `The rules apply to the ${code(owner.path)} object when a request carries it.`;
  return never
    ? `${each} ${code(owner.path)} itself is ${[...letters][0]} in every column, so a request never carries it; these are the rules its type has.`
    : each;
}

/** One field's line: its type in words, what sets or changes it, its provenance and note. */
function details(model: Model, f: FieldModel, atRoot: boolean): string {
  const parts = [sentence(typeLong(f))];
  const server = serverWords(model, f, atRoot);
  if (server) parts.push(server);
  if (atRoot) parts.push(...rootFacts(model, f));
  if (f.onPatch === "append")
    parts.push("A PATCH adds its items to the ticket's; items are never replaced or removed.");
  parts.push(...pdDescriptions(model, f));
  parts.push(`Provenance: ${sourced(f, false)}.`);
  if (f.note) parts.push(noteText(f.note));
  parts.push(...cellNotes(model, f));
  return parts.join(" ");
}

/** What the rest of the profile says about a root field: lifecycle, events, filters, Nexera's side. */
function rootFacts(model: Model, f: FieldModel): string[] {
  const lc = model.lifecycle;
  const out: string[] = [];
  if (f.name === model.ticketTypeField) out.push("It selects the ticket's column of rules (§1).");
  if (f.name === lc.field) out.push("The ticket's state: §5 says who may change it, and how.");
  if (f.name === lc.reasonField) out.push("The reason of the latest status change (§5).");
  for (const [state, sets] of Object.entries(lc.onEnter))
    for (const s of sets.filter((x) => x.field === f.name)) {
      const only = s.ticketTypes ? ` (${words(s.ticketTypes.map(code), "and")} tickets only)` : "";
      out.push(`On entering ${code(state)}${only} it is set to ${enterValueWords(s.value, s.keep)} (§5).`);
    }
  for (const x of lc.onLeave.filter((l) => l.clear.includes(f.name)))
    out.push(
      `It is removed when the ticket moves from ${words(x.from.map(code), "or")} to ${words(x.to.map(code), "or")} (§5).`,
    );
  for (const a of lc.onAppend.filter((x) => x.fields.includes(f.name)))
    out.push(`Adding items to it moves a ${words(a.from.map(code), "or")} ticket to ${code(a.to)} (§5).`);
  if (model.providerFields.includes(f.name))
    out.push(`Nexera may ${f.onPatch === "append" ? "add to" : "change"} it through the control interface (§8).`);
  if (model.events.correlationField === f.name)
    out.push("Every event about the ticket carries it as `correlationId` (§6).");
  const filter = model.filterFieldList.find((x) => x.field.name === f.name);
  if (filter)
    out.push(
      `A list filter (§7)${filter.names.length > 1 ? `, also spelt ${words(filter.names.slice(1).map(code), "or")}` : ""}.`,
    );
  return out;
}

/** The profile's own wording of its PD cells, once per distinct text, naming the columns. */
function pdDescriptions(model: Model, f: FieldModel): string[] {
  const byText = new Map<string, string[]>();
  for (const c of columns(model)) {
    const cell = f.cells[c.ticketType]?.[c.op];
    if (cell?.rule !== "PD" || cell.description === undefined) continue;
    byText.set(cell.description, [...(byText.get(cell.description) ?? []), c.label.replace("<br>", " ")]);
  }
  return [...byText].map(([text, cols]) => `PD in ${words(cols, "and")}: ${text}.`);
}

/** Cells with a provenance, source or note of their own. */
function cellNotes(model: Model, f: FieldModel): string[] {
  const out: string[] = [];
  for (const c of columns(model)) {
    const cell = f.cells[c.ticketType]?.[c.op];
    if (cell === undefined || (cell.source === undefined && cell.note === undefined)) continue;
    out.push(`${c.label.replace("<br>", " ")}: ${sourced(cell)}.`);
  }
  return out;
}
