// A command's settings as one declarative table: for each setting its flag,
// environment variable, config-file key, parser, default, help line and whether it
// repeats. Names not written out are derived (env: the command's prefix + the flag in
// upper snake case; key: the flag in camelCase), so a table reads as a list of flags.
// docs/decisions/0007-settings.md.
import type { Parser } from "./parsers.ts";

export type Origin = "flag" | "env" | "file" | "default";

/** The settings given by flag, environment or file, before defaults (what a computed default may look at). */
export type Given<V> = { readonly [K in keyof V]?: V[K] };
/** A value, or computed from the given settings and the working directory. */
export type Default<T, V> = T | ((given: Given<V>, cwd: string) => T);

interface SettingBase<T> {
  readonly flag: string;
  readonly help: string;
  readonly parse: Parser<T>;
  /** Default: the command's env prefix + the flag in upper snake case. */
  readonly env?: string;
  /** Config-file key. Default: the flag in camelCase. */
  readonly key?: string;
  /** Default: the parser's. */
  readonly valueName?: string;
  /** How the default reads in the usage and the README (required when it is computed). */
  readonly defaultText?: string;
  /** May also be given as bare arguments (`npm run report -- DIR`). */
  readonly positional?: true;
}
export interface Optional<T, V> extends SettingBase<T> {
  readonly repeats?: false;
  readonly default?: Default<T | undefined, V>;
}
export interface Defaulted<T, V> extends SettingBase<T> {
  readonly repeats?: false;
  readonly default: Default<T, V>;
}
/** Repeatable: the flag may be given again; the environment lists values separated by LIST_SEPARATOR. */
export interface Repeated<T> extends SettingBase<T> {
  readonly repeats: true;
}

/** What a setting must declare for its value type: an array repeats, a value that cannot be undefined needs a default. */
export type SettingFor<X, V> = [X] extends [readonly (infer E)[]]
  ? Repeated<E>
  : undefined extends X
    ? Optional<Exclude<X, undefined>, V>
    : Defaulted<X, V>;
export type Table<V> = { readonly [K in keyof V]-?: SettingFor<V[K], V> };

/** The separator of a repeatable setting's values in an environment variable. */
export const LIST_SEPARATOR = ",";
export const CONFIG_FLAG = "config";

export interface CommandSpec<V> {
  /** Names the command in messages and its README block (`<!-- settings:NAME:start -->`). */
  readonly name: string;
  /** How a user runs it, e.g. "npm run simulate --". */
  readonly invocation: string;
  readonly summary: string;
  /** Prefix of the derived environment variable names, e.g. "NEXERA_SIMULATE_". */
  readonly envPrefix: string;
  readonly settings: Table<V>;
  /** Problems between settings (one that applies to another mode only, say), listed with the others. */
  check?(values: V, origins: { readonly [K in keyof V]: Origin }): readonly string[];
}

/** One setting with every name settled. */
export interface Row {
  readonly name: string;
  readonly flag: string;
  readonly env: string;
  readonly key: string;
  readonly valueName: string;
  readonly help: string;
  readonly parse: Parser<unknown>;
  readonly repeats: boolean;
  readonly positional: boolean;
  /** undefined, a value, or (given, cwd) => value. */
  readonly default: unknown;
  readonly defaultText: string;
  /** The default text is the default itself (shown as code in the README), not prose. */
  readonly literalDefault: boolean;
}

export interface Command<V> {
  readonly name: string;
  readonly invocation: string;
  readonly summary: string;
  readonly rows: readonly Row[];
  /** The config file's environment variable; undefined for a command without settings (and without --config). */
  readonly configEnv: string | undefined;
  /** Method syntax: a table of any value type is a Command<unknown> where only its rows matter. */
  check?(values: V, origins: { readonly [K in keyof V]: Origin }): readonly string[];
  /** Carries V for the type checker only. */
  readonly values?: V;
}

const upperSnake = (flag: string) => flag.toUpperCase().replace(/-/g, "_");
const camel = (flag: string) => flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function defineCommand<V>(spec: CommandSpec<V>): Command<V> {
  type Loose = SettingBase<unknown> & { readonly repeats?: boolean; readonly default?: unknown };
  const rows = Object.entries(spec.settings as unknown as Record<string, Loose>).map(
    ([name, s]): Row => ({
      name,
      flag: s.flag,
      env: s.env ?? `${spec.envPrefix}${upperSnake(s.flag)}`,
      key: s.key ?? camel(s.flag),
      valueName: s.valueName ?? s.parse.valueName,
      help: s.help,
      parse: s.parse,
      repeats: s.repeats === true,
      positional: s.positional === true,
      default: s.default,
      defaultText: s.defaultText ?? defaultText(name, s.default, s.parse),
      literalDefault: s.defaultText === undefined && s.default !== undefined && !s.parse.isSwitch,
    }),
  );
  const command: Command<V> = {
    name: spec.name,
    invocation: spec.invocation,
    summary: spec.summary,
    rows,
    configEnv: rows.length > 0 ? `${spec.envPrefix}${upperSnake(CONFIG_FLAG)}` : undefined,
    ...(spec.check ? { check: spec.check } : {}),
  };
  checkNames(command);
  return command;
}

function defaultText(name: string, value: unknown, parse: Parser<unknown>): string {
  if (value === undefined) return "";
  if (typeof value === "boolean" && parse.isSwitch) return value ? "on" : "off";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`setting ${name}: a computed or structured default needs a defaultText`);
}

/** A table is code: a clash of names is a programming error, caught when the module loads. */
function checkNames(c: Command<unknown>): void {
  const seen = new Map<string, string>();
  const claim = (what: string, by: string) => {
    const before = seen.get(what);
    if (before !== undefined) throw new Error(`command ${c.name}: ${what} is used by ${before} and ${by}`);
    seen.set(what, by);
  };
  claim("--help", "the engine");
  if (c.configEnv !== undefined) {
    claim(`--${CONFIG_FLAG}`, "the engine");
    claim(`env ${c.configEnv}`, "the engine");
  }
  for (const r of c.rows) {
    claim(`--${r.flag}`, r.name);
    claim(`env ${r.env}`, r.name);
    claim(`key ${r.key}`, r.name);
  }
  if (c.rows.filter((r) => r.positional).length > 1)
    throw new Error(`command ${c.name}: one positional setting at most`);
}
