// The rule model in words: rule cells (PD conditions included), field types and
// what the server sets, as the rules document (docs/rules.md) and the README's
// table of chosen rules state them.
import { code, value, words } from "./doc-text.ts";
import type { Cell, FieldModel, Model, Predicate } from "./model.ts";

/** "`status` is given", "`ticketSubtype` is `Financial` or `Other`". */
export function conditionWords(p: Predicate): string {
  if ("present" in p) return `${code(p.field)} is ${p.present ? "given" : "not given"}`;
  return `${code(p.field)} is ${words(
    p.in.map((v) => value(v)),
    "or",
  )}`;
}

/** A cell as its letter, or a PD cell as what it resolves to: "PD: R when `status` is given, else P". */
export function cellWords(cell: Cell): string {
  if (cell.rule !== "PD") return cell.rule;
  const limit = cell.values === "operatorTransitions" ? ", only the operator transitions of §5" : "";
  if (cell.when === undefined) return `PD: ${cell.then ?? "O"}${limit}`;
  return `PD: ${cell.then ?? "O"} when ${conditionWords(cell.when)}, else ${cell.otherwise ?? "O"}${limit}`;
}

/** The short type of a field, for a table column: "date-time", "integer 1..10", "Note[]". */
export function typeShort(f: FieldModel): string {
  if (f.type === "array") return `${f.object?.name ?? "item"}[]`;
  if (f.type === "object") return f.object?.name ?? "object";
  if (f.enumName !== undefined) return `enum ${code(f.enumName)}`;
  if (f.format === "date-time") return "date-time";
  if (f.format === "uri") return "URI";
  if (f.format === "base64") return "base64 string";
  if (f.type === "integer" || f.type === "number") return `${f.type}${boundsShort(f)}`;
  return f.type;
}

function boundsShort(f: FieldModel): string {
  if (f.minimum !== undefined && f.maximum !== undefined) return ` ${f.minimum}..${f.maximum}`;
  if (f.minimum !== undefined) return ` >= ${f.minimum}`;
  if (f.maximum !== undefined) return ` <= ${f.maximum}`;
  return "";
}

/** The type in a sentence, with its format, values and bounds. */
export function typeLong(f: FieldModel): string {
  const parts: string[] = [];
  if (f.type === "array") {
    parts.push(`a list of ${f.object ? `${f.object.name} items` : "items"}`);
    if (f.minItems !== undefined) parts.push(`at least ${f.minItems} when given`);
  } else if (f.type === "object") parts.push(`a ${f.object?.name ?? "JSON"} object`);
  else if (f.enumValues)
    parts.push(
      f.enumValues.length === 1 ? `always ${code(f.enumValues[0]!)}` : `one of ${words(f.enumValues.map(code), "or")}`,
    );
  else if (f.format === "date-time") parts.push("a date-time (RFC 3339, with a time zone)");
  else if (f.format === "uri") parts.push("an absolute URI");
  else if (f.format === "base64") parts.push("a base64 string");
  else if (f.type === "integer" || f.type === "number") parts.push(numberWords(f));
  else parts.push(`a ${f.type}`);
  if (f.minLength !== undefined) parts.push(`at least ${f.minLength} character${f.minLength === 1 ? "" : "s"}`);
  return parts.join(", ");
}

function numberWords(f: FieldModel): string {
  const kind = f.type === "integer" ? "an integer" : "a number";
  if (f.minimum !== undefined && f.maximum !== undefined) return `${kind} from ${f.minimum} to ${f.maximum}`;
  if (f.minimum !== undefined) return `${kind}, at least ${f.minimum}`;
  if (f.maximum !== undefined) return `${kind}, at most ${f.maximum}`;
  return kind;
}

/** What the server puts in a field by itself (its `server` kind), or undefined. */
export function serverWords(model: Model, f: FieldModel, atRoot: boolean): string | undefined {
  switch (f.server) {
    case "id":
      return atRoot
        ? "The server assigns it: a new unique id per ticket."
        : "The server gives each item it stores a new id.";
    case "href":
      return atRoot ? "The server sets it to the ticket's own address (where `GET` by id reads it)." : undefined;
    case "createdAt":
      return atRoot
        ? "The server sets it to the instant the ticket was created."
        : "The server stamps each item with the instant it was added.";
    case "updatedAt":
      return "The server sets it when the ticket is created and on every change of it.";
    case "statusChangedAt":
      return "The server sets it when the ticket is created and on every status change (§5).";
    case "initialStatus":
      return `The server sets it: a new ticket starts in ${code(model.lifecycle.initial)} (§5).`;
    case "default":
      return `When a POST leaves it out, the server stores ${value(f.default)}.`;
    default:
      return undefined;
  }
}

/** An onEnter value in words: `$now` is the instant of the status change. */
export function enterValueWords(v: unknown, keep: boolean | undefined): string {
  const what = v === "$now" ? "the instant of the change" : value(v);
  return keep ? `${what}, unless it already has a value` : what;
}
