// One precedence rule for every command: flag > environment variable > config file
// (--config FILE, or the command's *_CONFIG variable) > default. Every value records
// where it came from; every problem, from all three sources, lands in one SettingsError.
import { dirname, resolve } from "node:path";
import { readArgv } from "./argv.ts";
import { type Command, type Given, LIST_SEPARATOR, type Origin, type Row } from "./command.ts";
import { readConfigFile } from "./config-file.ts";
import type { Raw } from "./parsers.ts";

export type Env = Readonly<Record<string, string | undefined>>;

export interface Inputs {
  readonly argv?: readonly string[];
  readonly env?: Env;
  readonly cwd?: string;
}

export interface Resolved<V> {
  readonly values: V;
  readonly origins: { readonly [K in keyof V]: Origin };
  /** The config file read, if any (absolute). */
  readonly configFile?: string;
}

export type Reading<V> = { readonly help: true } | ({ readonly help: false } & Resolved<V>);

export class SettingsError extends Error {
  override name = "SettingsError";
  readonly problems: readonly string[];
  constructor(command: string, problems: readonly string[]) {
    const n = problems.length;
    const list = problems.map((p) => `  - ${p.replace(/\n/g, "\n    ")}`).join("\n");
    super(`${command}: ${n === 1 ? "invalid setting" : `${n} invalid settings`}:\n${list}`);
    this.problems = problems;
  }
}

/** Reads the command line, the environment and the config file; `--help` wins over everything. */
export function readSettings<V>(command: Command<V>, inputs: Inputs = {}): Reading<V> {
  const cwd = inputs.cwd ?? process.cwd();
  const env = inputs.env ?? {};
  const line = readArgv(command, inputs.argv ?? []);
  if (line.help) return { help: true };
  const problems = [...line.problems];

  const configEnv = command.configEnv === undefined ? undefined : nonEmpty(env[command.configEnv]);
  const configPath = line.config ?? configEnv;
  const configFile = configPath === undefined ? undefined : resolve(cwd, configPath);
  const file = configFile === undefined ? undefined : readConfigFile(command, configFile);
  for (const p of file?.problems ?? []) problems.push(`${configPath}: ${p}`);

  const given: Record<string, unknown> = {};
  const origins: Record<string, Origin> = {};
  for (const row of command.rows) {
    const fromFlag = line.values.get(row.name);
    const fromEnv = nonEmpty(env[row.env]);
    const fromFile = file?.values.get(row.name);
    if (fromFlag !== undefined) {
      if (!row.repeats && fromFlag.length > 1) {
        const as = row.positional ? " (or as a bare argument)" : "";
        problems.push(`--${row.flag}${as} given ${fromFlag.length} times; it takes one value`);
        continue;
      }
      take(row, "flag", fromFlag, `--${row.flag}`, cwd);
    } else if (fromEnv !== undefined) {
      const list = row.repeats ? fromEnv.split(LIST_SEPARATOR).map((s) => s.trim()) : [fromEnv];
      const raws = list.filter((s) => s !== "");
      take(row, "env", raws, row.env, cwd);
    } else if (fromFile !== undefined && configFile !== undefined) {
      const raws = (row.repeats ? fromFile : [fromFile]) as Raw[];
      take(row, "file", raws, `${configPath}: ${row.key}`, dirname(configFile));
    }
  }
  if (problems.length > 0) throw new SettingsError(command.name, problems);

  const values: Record<string, unknown> = { ...given };
  for (const row of command.rows) {
    if (row.name in given) continue;
    origins[row.name] = "default";
    const d = row.default;
    values[row.name] = row.repeats ? [] : typeof d === "function" ? d(given as Given<V>, cwd) : d;
  }
  const between = command.check?.(values as V, origins as Resolved<V>["origins"]) ?? [];
  if (between.length > 0) throw new SettingsError(command.name, between);
  return {
    help: false,
    values: values as V,
    origins: origins as Resolved<V>["origins"],
    ...(configFile === undefined ? {} : { configFile }),
  };

  function take(row: Row, origin: Origin, raws: readonly Raw[], where: string, baseDir: string): void {
    const out: unknown[] = [];
    let ok = true;
    for (const raw of raws) {
      try {
        out.push(row.parse.parse(raw, baseDir));
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
        ok = false;
      }
    }
    if (!ok) return;
    given[row.name] = row.repeats ? out : out[0];
    origins[row.name] = origin;
  }
}

/** Settings for a command that cannot be asked for help (a test, a script resolving another command's settings). */
export function resolveSettings<V>(command: Command<V>, inputs: Inputs = {}): Resolved<V> {
  const r = readSettings(command, inputs);
  if (r.help) throw new SettingsError(command.name, ["--help is not a setting here"]);
  return r;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === "" ? undefined : s);
