// A small declarative argv parser shared by the CLIs (simulate, listen, certify).
// Built on node:util parseArgs; adds integers, choices, repeatable flags, defaults,
// typed results and a generated usage text. A bad command line is a UsageError
// (the CLI prints it with the usage and exits 2).
import { parseArgs as nodeParseArgs } from "node:util";

interface FlagBase {
  readonly help: string;
  /** Shown in the usage, e.g. "user:password". */
  readonly valueName?: string;
}
export interface StringFlag extends FlagBase {
  readonly kind: "string";
  readonly default?: string;
  readonly choices?: readonly string[];
  readonly multiple?: false;
}
export interface StringListFlag extends FlagBase {
  readonly kind: "string";
  readonly multiple: true;
}
export interface IntegerFlag extends FlagBase {
  readonly kind: "integer";
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanFlag extends FlagBase {
  readonly kind: "boolean";
}
export type Flag = StringFlag | StringListFlag | IntegerFlag | BooleanFlag;
export type FlagSpec = Readonly<Record<string, Flag>>;

type ValueOf<F extends Flag> = F extends BooleanFlag
  ? boolean
  : F extends StringListFlag
    ? string[]
    : F extends { kind: "integer"; default: number }
      ? number
      : F extends IntegerFlag
        ? number | undefined
        : F extends { kind: "string"; default: string }
          ? string
          : string | undefined;

export type Parsed<S extends FlagSpec> = { -readonly [K in keyof S]: ValueOf<S[K]> } & { help: boolean };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses `argv` (without node and script) against `spec`; `--help`/`-h` is always known. */
export function parseArgs<S extends FlagSpec>(argv: readonly string[], spec: S): Parsed<S> {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const [name, f] of Object.entries(spec)) {
    options[name] = f.kind === "boolean" ? { type: "boolean" } : { type: "string", multiple: true };
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const out: Record<string, unknown> = { help: values.help === true };
  for (const [name, f] of Object.entries(spec)) {
    const raw = values[name];
    if (f.kind === "boolean") {
      out[name] = raw === true;
      continue;
    }
    const given = (raw as string[] | undefined) ?? [];
    if (f.kind === "string" && f.multiple === true) {
      out[name] = given;
      continue;
    }
    if (given.length > 1) throw new UsageError(`--${name} given ${given.length} times; it takes one value`);
    const text = given[0];
    out[name] =
      text === undefined ? f.default : f.kind === "integer" ? toInteger(name, text, f) : toChoice(name, text, f);
  }
  return out as Parsed<S>;
}

function toInteger(name: string, text: string, f: IntegerFlag): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got "${text}"`);
  const n = Number(text);
  if (f.min !== undefined && n < f.min) throw new UsageError(`--${name} must be at least ${f.min}, got ${n}`);
  if (f.max !== undefined && n > f.max) throw new UsageError(`--${name} must be at most ${f.max}, got ${n}`);
  return n;
}

function toChoice(name: string, text: string, f: StringFlag): string {
  if (f.choices && !f.choices.includes(text)) {
    throw new UsageError(`--${name} must be one of ${f.choices.join(", ")}, got "${text}"`);
  }
  return text;
}

/** The usage text: one line per flag, with its value, default and help. */
export function usage(command: string, spec: FlagSpec, summary?: string): string {
  const rows = Object.entries(spec).map(([name, f]) => {
    const value =
      f.kind === "boolean"
        ? ""
        : ` <${f.valueName ?? (f.kind === "string" && f.multiple !== true && f.choices ? f.choices.join("|") : f.kind === "integer" ? "n" : "value")}>`;
    const extras: string[] = [];
    if ("default" in f && f.default !== undefined) extras.push(`default ${String(f.default)}`);
    if (f.kind === "string" && f.multiple === true) extras.push("repeatable");
    return [`  --${name}${value}`, `${f.help}${extras.length ? ` (${extras.join("; ")})` : ""}`] as const;
  });
  rows.push(["  --help, -h", "show this help"]);
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const lines = rows.map(([l, r]) => l.padEnd(width) + r);
  return [`usage: ${command} [options]`, ...(summary ? ["", summary] : []), "", "options:", ...lines].join("\n");
}
