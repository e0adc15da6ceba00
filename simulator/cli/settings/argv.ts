// The command line of a settings table: `--flag value`, `--flag=value`, bare switches,
// `--help`/`-h`, and bare arguments for the one positional setting. Unlike
// node:util's parseArgs it does not stop at the first mistake: every problem is kept.
import { CONFIG_FLAG, type Command, type Row } from "./command.ts";

export interface CommandLine {
  readonly help: boolean;
  /** Raw values by setting name, in the order given. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly config: string | undefined;
  readonly problems: readonly string[];
}

export function readArgv(command: Command<unknown>, argv: readonly string[]): CommandLine {
  const byFlag = new Map(command.rows.map((r) => [r.flag, r]));
  const positional = command.rows.find((r) => r.positional);
  const values = new Map<string, string[]>();
  const problems: string[] = [];
  const configs: string[] = [];
  let help = false;
  let rest = false;
  const add = (row: Row, v: string) => values.set(row.name, [...(values.get(row.name) ?? []), v]);

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (rest || !a.startsWith("-") || a === "-") {
      if (positional) add(positional, a);
      else problems.push(`unexpected argument ${JSON.stringify(a)}: ${command.name} takes flags only`);
      continue;
    }
    if (a === "--") {
      rest = true;
      continue;
    }
    if (a === "--help" || a === "-h") {
      help = true;
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    const next = argv[i + 1];
    const takeNext = () => (next !== undefined && !next.startsWith("--") ? argv[++i] : undefined);
    const isConfig = name === CONFIG_FLAG && command.configEnv !== undefined;
    // A switch that is on by default is turned off with --no-<flag>.
    const negated = name.startsWith("no-") ? byFlag.get(name.slice(3)) : undefined;
    if (negated?.parse.isSwitch && inline === undefined && a.startsWith("--")) {
      add(negated, "false");
      continue;
    }
    const row = byFlag.get(name);
    if (!a.startsWith("--") || (!row && !isConfig)) {
      // An unknown flag's value is not a second mistake.
      if (inline === undefined && next !== undefined && !next.startsWith("-")) i++;
      problems.push(`unknown flag ${a.slice(0, eq < 0 ? undefined : eq)}${suggestion(name, command)}`);
      continue;
    }
    if (row?.parse.isSwitch) {
      add(row, inline ?? "true");
      continue;
    }
    const value = inline ?? takeNext();
    const valueName = row ? row.valueName : "FILE";
    if (value === undefined) problems.push(`--${name} needs a value (--${name} ${valueName})`);
    else if (row) add(row, value);
    else configs.push(value);
  }
  if (configs.length > 1) problems.push(`--${CONFIG_FLAG} given ${configs.length} times; it takes one file`);
  return { help, values, config: configs[0], problems };
}

/** " (did you mean --port?)" for a near miss. */
function suggestion(name: string, command: Command<unknown>): string {
  const flags = [...command.rows.map((r) => r.flag), ...(command.configEnv ? [CONFIG_FLAG] : []), "help"];
  return nearest(name, flags, (f) => ` (did you mean --${f}?)`);
}

export function nearest(word: string, candidates: readonly string[], say: (c: string) => string): string {
  // A short word is near only one edit away: "nope" is not a misspelt "mode".
  let bestDistance = word.length <= 4 ? 2 : 3;
  let best: string | undefined;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best === undefined ? "" : say(best);
}

/** Edit distance, a swap of two neighbours counting as one edit ("prot" -> "port"). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const above = d[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
