// Where settings come from, in precedence order: flags > env > config file > defaults.
// A config file is JSON keyed by the settings' names (target, tokenUrl, credentials, ...);
// relative paths in it are relative to the file.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  applyDefaults,
  type Given,
  KEYS,
  type Origin,
  type SettingName,
  type Settings,
  SettingsError,
} from "./settings.ts";

type Raw = string | number | boolean;
const NAMES = Object.keys(KEYS) as SettingName[];
export const CONFIG_FLAG = "config";
export const CONFIG_ENV = "NEXERA_CONFIG";
/** Resolved settings handed from certify to vitest's global setup (JSON). */
export const RESOLVED_ENV = "NEXERA_RESOLVED_SETTINGS";

export interface Inputs {
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/** Parses flags into raw strings by setting name; `--help` is reported separately. */
export function readFlags(argv: readonly string[]): {
  values: Partial<Record<SettingName, string>>;
  config?: string;
  help: boolean;
} {
  const options: Record<string, { type: "string" | "boolean" }> = {
    help: { type: "boolean" },
    [CONFIG_FLAG]: { type: "string" },
  };
  for (const n of NAMES) options[KEYS[n].flag] = { type: "string" };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (e) {
    throw new SettingsError((e as Error).message);
  }
  const out: Partial<Record<SettingName, string>> = {};
  for (const n of NAMES) {
    const v = values[KEYS[n].flag];
    if (typeof v === "string") out[n] = v;
  }
  const config = values[CONFIG_FLAG];
  return { values: out, ...(typeof config === "string" ? { config } : {}), help: values.help === true };
}

export function readEnv(env: Readonly<Record<string, string | undefined>>): Partial<Record<SettingName, string>> {
  const out: Partial<Record<SettingName, string>> = {};
  for (const n of NAMES) {
    const v = env[KEYS[n].env];
    if (v !== undefined && v !== "") out[n] = v;
  }
  return out;
}

export function readConfigFile(file: string): Partial<Record<SettingName, Raw>> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new SettingsError(`cannot read config file ${file}: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new SettingsError(`config file ${file} must hold a JSON object`);
  const unknown = Object.keys(data).filter((k) => !(NAMES as string[]).includes(k));
  if (unknown.length > 0)
    throw new SettingsError(`config file ${file}: unknown keys ${unknown.join(", ")} (known: ${NAMES.join(", ")})`);
  const out: Partial<Record<SettingName, Raw>> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
      throw new SettingsError(`config file ${file}: "${k}" must be a string or a number`);
    out[k as SettingName] = v;
  }
  return out;
}

/** Resolves every setting; every problem found is listed in one SettingsError. */
export function resolveSettings(inputs: Inputs = {}): Settings {
  const cwd = inputs.cwd ?? process.cwd();
  const env = inputs.env ?? {};
  const flags = readFlags(inputs.argv ?? []);
  const configPath = flags.config ?? env[CONFIG_ENV];
  const file = configPath ? readConfigFile(resolve(cwd, configPath)) : {};
  const fileDir = configPath ? dirname(resolve(cwd, configPath)) : cwd;
  const fromEnv = readEnv(env);

  const given: Record<string, unknown> = {};
  const origins: Partial<Record<SettingName, Origin>> = {};
  const problems: string[] = [];
  for (const n of NAMES) {
    const layers: Array<[Origin, Raw | undefined, string]> = [
      ["flag", flags.values[n], cwd],
      ["env", fromEnv[n], cwd],
      ["file", file[n], fileDir],
    ];
    const hit = layers.find(([, v]) => v !== undefined);
    if (!hit) continue;
    const [origin, raw, base] = hit;
    try {
      given[n] = (KEYS[n].parse as (r: Raw, b: string) => unknown)(raw as Raw, base);
      origins[n] = origin;
    } catch (e) {
      problems.push(
        `${origin === "env" ? KEYS[n].env : origin === "file" ? `${configPath}: ${n}` : `--${KEYS[n].flag}`}: ${(e as Error).message.replace(/^\[harness[^\]]*\] /, "").replace(/^--[\w-]+ /, "")}`,
      );
    }
  }
  if (problems.length > 0) throw new SettingsError(`invalid settings:\n  - ${problems.join("\n  - ")}`);
  return applyDefaults(given as Given, origins, cwd);
}

/** Settings certify resolved and handed down, if any (global setup reads these first). */
export function handedDown(env: Readonly<Record<string, string | undefined>>): Settings | undefined {
  const raw = env[RESOLVED_ENV];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Settings;
  } catch (e) {
    throw new SettingsError(`${RESOLVED_ENV} is not valid JSON: ${(e as Error).message}`);
  }
}

export function usageText(): string {
  const rows: Array<[string, string]> = NAMES.map((n) => [
    `  --${KEYS[n].flag} <value>`,
    `${KEYS[n].help}  [env ${KEYS[n].env}; file key "${n}"]`,
  ]);
  rows.push([`  --${CONFIG_FLAG} <file>`, `JSON config file  [env ${CONFIG_ENV}]`], ["  --help", "this text"]);
  const w = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    "usage: npm run certify -- [options]",
    "",
    "Runs the conformance suites against a Nexera Trouble Ticket API. Precedence: flags > env > config file > defaults.",
    "",
    ...rows.map(([l, r]) => l.padEnd(w) + r),
  ].join("\n");
}
