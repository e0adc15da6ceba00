// The one usage printer, and the README table, both generated from a command's table:
// flag, value name, environment variable, config key, default and help line.
import { CONFIG_FLAG, type Command, LIST_SEPARATOR, type Row } from "./command.ts";

export const PRECEDENCE =
  "Each setting comes from its flag, else its environment variable, else the config file, else its default.";

const plain = (s: string) => s.replace(/`/g, "");
const flagOf = (r: Row) => `--${r.flag}${r.parse.isSwitch ? "" : ` ${r.valueName}`}`;

/** Wraps at word boundaries to `width` columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

const WIDTH = 110;

export function usageText(command: Command<unknown>): string {
  const positional = command.rows.find((r) => r.positional);
  const entries: Array<[left: string, lines: string[]]> = command.rows.map((r) => {
    const notes = [
      ...(r.repeats ? ["repeatable"] : []),
      ...(r.positional ? ["may be given as a bare argument"] : []),
      ...(r.defaultText ? [`default ${plain(r.defaultText)}`] : []),
    ];
    const env = `env ${r.env}${r.repeats ? ` (values separated by "${LIST_SEPARATOR}")` : ""}`;
    const key = `config key "${r.key}"${r.repeats ? " (an array)" : ""}`;
    return [`  ${flagOf(r)}`, [plain(r.help), [...notes, env, key].join("; ")]];
  });
  if (command.configEnv !== undefined)
    entries.push([`  --${CONFIG_FLAG} FILE`, ["a JSON object of the config keys above", `env ${command.configEnv}`]]);
  entries.push(["  --help, -h", ["this help"]]);
  const width = Math.min(Math.max(...entries.map(([l]) => l.length)) + 2, 32);
  const lines: string[] = [];
  for (const [left, right] of entries) {
    const wrapped = right.flatMap((r) => wrap(r, WIDTH - width));
    if (left.length + 2 > width) lines.push(left);
    else lines.push(`${left.padEnd(width)}${wrapped.shift()}`);
    for (const m of wrapped) lines.push(`${" ".repeat(width)}${m}`);
  }
  return [
    `usage: ${command.invocation} [options]${positional ? ` [${positional.valueName}${positional.repeats ? " ..." : ""}]` : ""}`,
    "",
    command.summary,
    ...(command.rows.length > 0 ? ["", ...wrap(PRECEDENCE, WIDTH)] : []),
    "",
    "options:",
    ...lines,
  ].join("\n");
}

/** A table cell: pipes escaped; outside code spans, angle brackets too (markdown would take <x> for HTML). */
const cell = (s: string) =>
  s
    .split("`")
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("`")
    .replace(/\|/g, "\\|");
const code = (s: string) => cell(`\`${s}\``);
const SEPARATOR_NAME: Readonly<Record<string, string>> = { ",": "comma" };
const separated = `${SEPARATOR_NAME[LIST_SEPARATOR] ?? `"${LIST_SEPARATOR}"`}-separated`;

/** The command's settings as a markdown table (the README's generated block). */
export function settingsMarkdown(command: Command<unknown>): string {
  const rows = command.rows.map((r) =>
    [
      `${code(flagOf(r))}${r.repeats ? " (repeatable)" : ""}${r.positional ? " or a bare argument" : ""}`,
      `${code(r.env)}${r.repeats ? ` (${separated})` : ""}`,
      `${code(r.key)}${r.repeats ? " (array)" : ""}`,
      r.literalDefault ? code(r.defaultText) : cell(r.defaultText),
      cell(r.help),
    ].join(" | "),
  );
  if (command.configEnv !== undefined)
    rows.push(
      [code(`--${CONFIG_FLAG} FILE`), code(command.configEnv), "", "", "a JSON object of the config keys above"].join(
        " | ",
      ),
    );
  return [
    "| flag | environment | config key | default | meaning |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}

const start = (name: string) => `<!-- settings:${name}:start -->`;
const end = (name: string) => `<!-- settings:${name}:end -->`;

/** Rewrites the block of each given command that `readme` has; other text, and other blocks, stay as they are. */
export function withSettingsBlocks(readme: string, commands: readonly Command<unknown>[]): string {
  let out = readme;
  for (const c of commands) {
    const a = out.indexOf(start(c.name));
    const b = out.indexOf(end(c.name));
    if (a < 0) continue;
    if (b < a) throw new Error(`${start(c.name)} has no ${end(c.name)} after it`);
    out = `${out.slice(0, a + start(c.name).length)}\n${settingsMarkdown(c)}\n${out.slice(b)}`;
  }
  return out;
}

/** The names of the settings blocks a README has. */
export function settingsBlockNames(readme: string): string[] {
  return [...readme.matchAll(/<!-- settings:([\w:-]+?):start -->/g)].map((m) => m[1]!);
}
