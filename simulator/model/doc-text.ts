// Markdown helpers for the generated rules document (docs/rules.md): tables, code
// spans, word lists and the provenance marks. Plain string functions, no I/O.
import type { Provenance } from "./profile-file.ts";

/** Anything that says where a rule comes from, and why the project chose it. */
export interface SourcedItem {
  readonly provenance: Provenance;
  readonly source?: string;
  readonly note?: string;
}

/** A code span; a value holding a backtick gets a double-backtick fence. */
export function code(s: string | number | boolean): string {
  const t = String(s);
  return t.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/** A JSON value as code, strings unquoted. */
export function value(v: unknown): string {
  return code(typeof v === "string" ? v : JSON.stringify(v));
}

/** "a", "a or b", "a, b or c". */
export function words(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** The provenance as this document marks it: chosen rules stand out, since a user may correct them. */
export function mark(p: Provenance): string {
  return p === "chosen" ? "**chosen**" : p;
}

/** "seed: what the source says"; the note, when asked for, follows as "Note: ...". */
export function sourced(s: SourcedItem, withNote = true): string {
  const head = s.source ? `${mark(s.provenance)}: ${s.source}` : mark(s.provenance);
  return withNote && s.note ? `${head}. ${noteText(s.note)}` : head;
}

export function noteText(note: string): string {
  return `*Note:* ${note}`;
}

/** A Markdown table; cells are escaped for pipes and line breaks. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A sentence with a capital first letter and a full stop. */
export function sentence(s: string): string {
  const t = s.trim();
  if (t === "") return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Joins the blocks of a section with blank lines, dropping empty ones. */
export function blocks(...parts: ReadonlyArray<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n\n");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A rule in a sentence: its text, its provenance in brackets, then the note, if any, after the full stop. */
export function claim(text: string, s: SourcedItem): string {
  return `${text} (${sourced(s, false)}).${s.note ? ` ${noteText(s.note)}` : ""}`;
}

/** The provenance of a rule the profile leaves implicit: the project's own. */
export const CHOSEN: SourcedItem = { provenance: "chosen" };
