// §4 of the rules document: the rule letters, how a request is judged, PATCH
// semantics, what a response carries, the enumerations, then a table per object.
import { columnOrder } from "./chosen.ts";
import type { ServerFacts } from "./doc-facts.ts";
import { objectTables } from "./doc-field-table.ts";
import { heading } from "./doc-intro.ts";
import { blocks, claim, code, sourced, table, words } from "./doc-text.ts";
import { cellWords } from "./doc-words.ts";
import type { FieldModel, Model, ObjectModel } from "./model.ts";

export function fieldsSection(model: Model, facts: ServerFacts): string {
  return blocks(
    heading(4),
    `Each field has one rule per ticket type and operation, read in the order ${columnOrder(model)}. The letters are the document's:`,
    [
      "- **R** required: a request without the field is 400.",
      "- **O** optional.",
      "- **P** prohibited: a request carrying the field is 400, with an Error naming it.",
      `- **PD** process dependent: R, O or P depending on the request. The condition is written out (${pdExample(model)}); it reads the other fields of the same object in the request body.`,
      "- **-** not supported: a standard field this profile does not use. It is never stored or returned, and a request carrying it is 400, like P.",
    ].join("\n"),
    judging(model, facts),
    patchText(model),
    responseText(model),
    enumsText(model),
    "The tables below hold one row per field. Their provenance column is the field's; a cell whose provenance differs says so beside its letter, as in P (**chosen**). Below each table, every field is described: its type, what the server or the lifecycle does with it, where its rule comes from, and the project's note where there is one.",
    objectTables(model),
  );
}

function judging(model: Model, facts: ServerFacts): string {
  const u = model.file.unknownFields;
  const unknown =
    u.rule === "reject"
      ? claim("A field the profile does not know at all is 400 too", u)
      : claim("A field the profile does not know at all is ignored: not stored and not returned", u);
  return blocks(
    unknown,
    `A request is judged as a whole: the 400 answer lists every violation, each naming the field's path and the rule it breaks (up to ${facts.maxListedViolations} in one message). A value must have the field's type, format, bounds and, for an enumeration, one of its values. \`null\` is a wrong type, not a way to remove a field (**chosen**: nothing asks for removal, and a strict answer shows a client its mistake at once). A ticket type that is not one of the profile's is reported, and the rest of the body is judged by the default type's rules, so one answer shows every problem.`,
  );
}

function patchText(model: Model): string {
  const p = model.file.patch;
  const append = model.root.fields.filter((f) => f.onPatch === "append").map((f) => code(f.name));
  const merge =
    append.length > 0
      ? `- Each field it carries replaces the ticket's value, except ${words(append, "and")}: their items are appended to the ticket's, so what was said is never rewritten.`
      : "- Each field it carries replaces the ticket's value.";
  return [
    "**PATCH** changes a ticket:",
    "",
    `- ${claim(`It takes ${words(model.patchContentTypes.map(code), "or")}; any other media type is 415`, p)}`,
    merge,
    "- A PATCH that changes nothing answers 200 with the ticket as it is: nothing is stored, the last-update date does not move and no event is sent (**chosen**).",
    "- A PATCH that would change a ticket in a final state is 409 (§5).",
  ].join("\n");
}

function responseText(model: Model): string {
  const set: string[] = [];
  const walk = (obj: ObjectModel) => {
    for (const f of obj.fields) {
      if (f.server !== undefined && !unsupported(f)) set.push(code(f.path));
      if (f.object && !unsupported(f)) walk(f.object);
    }
  };
  walk(model.root);
  return `**Responses** carry every field the ticket has, including those the server sets: ${words(set, "and")}; and, once set, the fields the lifecycle sets (§5). A field marked - is never returned.`;
}

function unsupported(f: FieldModel): boolean {
  return Object.values(f.cells).every((ops) => Object.values(ops).every((c) => c.rule === "-"));
}

function enumsText(model: Model): string {
  const users = (name: string) => {
    const out: string[] = [];
    const walk = (obj: ObjectModel, seen: Set<string>) => {
      if (seen.has(obj.name)) return;
      seen.add(obj.name);
      for (const f of obj.fields) {
        if (f.enumName === name) out.push(code(f.path));
        if (f.object) walk(f.object, seen);
      }
    };
    walk(model.root, new Set());
    return out;
  };
  const rows = Object.entries(model.file.enums).map(([name, e]) => [
    code(name),
    e.values.map(code).join(", "),
    users(name).join(", "),
    sourced(e),
  ]);
  if (rows.length === 0) return "";
  return blocks("**Enumerations**:", table(["enumeration", "values", "used by", "provenance"], rows));
}

/** The first PD cell with a condition, in words, as the legend's example. */
function pdExample(model: Model): string {
  const walk = (obj: ObjectModel): string | undefined => {
    for (const f of obj.fields) {
      for (const ops of Object.values(f.cells))
        for (const c of Object.values(ops)) if (c.rule === "PD" && c.when) return `${code(f.path)}: ${cellWords(c)}`;
      const inner = f.object ? walk(f.object) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(model.root) ?? "for example `PD: R when other is given, else O`";
}
