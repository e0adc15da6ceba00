// The settings of one certify run: what they are, how each is parsed, and their
// defaults. Where they come from (flags, env, file) is sources.ts.
import { resolve } from "node:path";
import { DEFAULT_PROFILE } from "../../simulator/model/load.ts";
import { HarnessError } from "../support/errors.ts";

export type AuthMode = "bearer" | "basic" | "either";
export const AUTH_MODES: readonly AuthMode[] = ["bearer", "basic", "either"];

import type { Credentials } from "../../simulator/model/credentials.ts";

export type { Credentials };

/** How Nexera-side transitions happen (docs/rules.md §5): the simulator's control interface, none, or a user module. */
export type DriverSetting =
  | { readonly kind: "simulator" }
  | { readonly kind: "none" }
  | { readonly kind: "module"; readonly path: string };

export class SettingsError extends HarnessError {
  override name = "SettingsError";
}

/** One setting: its flag, environment variable, config-file key and parser. */
interface Key<T> {
  readonly flag: string;
  readonly env: string;
  readonly help: string;
  readonly parse: (raw: string | number | boolean, baseDir: string) => T;
}

const text =
  (what: string) =>
  (raw: string | number | boolean): string => {
    if (typeof raw !== "string" || raw.trim() === "")
      throw new SettingsError(`${what} must be a non-empty string, got ${JSON.stringify(raw)}`);
    return raw.trim();
  };
const url =
  (what: string) =>
  (raw: string | number | boolean): string => {
    const s = text(what)(raw);
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      throw new SettingsError(`${what} must be an absolute URL, got "${s}"`);
    }
    if (u.protocol !== "http:" && u.protocol !== "https:")
      throw new SettingsError(`${what} must be an http or https URL, got "${s}"`);
    return s.replace(/\/+$/, "");
  };
const integer =
  (what: string, min: number, max: number) =>
  (raw: string | number | boolean): number => {
    const n = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max)
      throw new SettingsError(`${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return n;
  };
export const credentials =
  (what: string) =>
  (raw: string | number | boolean): Credentials => {
    const s = text(what)(raw);
    const colon = s.indexOf(":");
    if (colon <= 0) throw new SettingsError(`${what} must look like user:password`);
    return { user: s.slice(0, colon), password: s.slice(colon + 1) };
  };
const path =
  (what: string) =>
  (raw: string | number | boolean, baseDir: string): string =>
    resolve(baseDir, text(what)(raw));

export const KEYS = {
  target: {
    flag: "target",
    env: "NEXERA_TARGET",
    help: "API base URL under test (default: start the embedded simulator)",
    parse: url("--target"),
  },
  tokenUrl: {
    flag: "token-url",
    env: "NEXERA_TOKEN_URL",
    help: "OAuth2 token endpoint (default: {target origin}/oauth/token)",
    parse: url("--token-url"),
  },
  credentials: {
    flag: "credentials",
    env: "NEXERA_CREDENTIALS",
    help: "operator credentials user:password",
    parse: credentials("--credentials"),
  },
  secondCredentials: {
    flag: "second-credentials",
    env: "NEXERA_SECOND_CREDENTIALS",
    help: "a second operator, for isolation checks",
    parse: credentials("--second-credentials"),
  },
  auth: {
    flag: "auth",
    env: "NEXERA_AUTH",
    help: "bearer | basic | either (what the target accepts)",
    parse: (raw: string | number | boolean): AuthMode => {
      if (typeof raw === "string" && (AUTH_MODES as readonly string[]).includes(raw)) return raw as AuthMode;
      throw new SettingsError(`--auth must be one of ${AUTH_MODES.join(", ")}, got ${JSON.stringify(raw)}`);
    },
  },
  driver: {
    flag: "driver",
    env: "NEXERA_DRIVER",
    help: "simulator | none | ./module.js (exports async (ticketId, status) => void)",
    parse: (raw: string | number | boolean, baseDir: string): DriverSetting => {
      const s = text("--driver")(raw);
      if (s === "simulator" || s === "none") return { kind: s };
      return { kind: "module", path: resolve(baseDir, s) };
    },
  },
  listenerHost: {
    flag: "listener-host",
    env: "NEXERA_LISTENER_HOST",
    help: "where the embedded listener binds",
    parse: text("--listener-host"),
  },
  listenerPort: {
    flag: "listener-port",
    env: "NEXERA_LISTENER_PORT",
    help: "the embedded listener's port (0: any free one)",
    parse: integer("--listener-port", 0, 65535),
  },
  listenerPublicUrl: {
    flag: "listener-public-url",
    env: "NEXERA_LISTENER_PUBLIC_URL",
    help: "the URL the target must call back",
    parse: url("--listener-public-url"),
  },
  profile: { flag: "profile", env: "NEXERA_PROFILE", help: "profile file (the rules)", parse: path("--profile") },
  seed: {
    flag: "seed",
    env: "NEXERA_SEED",
    help: "seed of the run (printed on every run; same seed, same run)",
    parse: integer("--seed", -(2 ** 31), 2 ** 31 - 1),
  },
  runs: {
    flag: "runs",
    env: "NEXERA_RUNS",
    help: "fast-check runs per property",
    parse: integer("--runs", 1, 100_000),
  },
  eventTimeout: {
    flag: "event-timeout",
    env: "NEXERA_EVENT_TIMEOUT",
    help: "ms to wait for an expected event",
    parse: integer("--event-timeout", 100, 600_000),
  },
  resultsDir: {
    flag: "results-dir",
    env: "NEXERA_RESULTS_DIR",
    help: "where Allure results go (default reports/certify/allure-results)",
    parse: path("--results-dir"),
  },
} as const satisfies Record<string, Key<unknown>>;

export type SettingName = keyof typeof KEYS;
export type Given = { -readonly [K in SettingName]?: ReturnType<(typeof KEYS)[K]["parse"]> };
export type Origin = "flag" | "env" | "file" | "default";

/** Resolved settings. `target` undefined means: start the embedded simulator. Plain JSON (it crosses to workers). */
export interface Settings {
  readonly target?: string;
  readonly tokenUrl?: string;
  readonly credentials: Credentials;
  readonly secondCredentials?: Credentials;
  readonly auth: AuthMode;
  readonly driver: DriverSetting;
  readonly listenerHost: string;
  readonly listenerPort: number;
  readonly listenerPublicUrl?: string;
  readonly profile: string;
  readonly seed: number;
  readonly runs: number;
  readonly eventTimeout: number;
  readonly resultsDir: string;
  readonly origins: Readonly<Partial<Record<SettingName, Origin>>>;
}

/** The embedded simulator's operators (it is configured with both, so isolation runs under npm test). */
export const EMBEDDED_OPERATORS: readonly Credentials[] = [
  { user: "operator", password: "operator-secret" },
  { user: "operator-b", password: "operator-b-secret" },
];

export function applyDefaults(given: Given, origins: Partial<Record<SettingName, Origin>>, cwd: string): Settings {
  const embedded = given.target === undefined;
  const out = {
    ...given,
    credentials: given.credentials ?? EMBEDDED_OPERATORS[0]!,
    // The embedded simulator accepts both; an outside target is assumed to follow the seed (Bearer tokens).
    auth: given.auth ?? (embedded ? "either" : "bearer"),
    driver: given.driver ?? (embedded ? { kind: "simulator" } : { kind: "none" }),
    listenerHost: given.listenerHost ?? "127.0.0.1",
    listenerPort: given.listenerPort ?? 0,
    profile: given.profile ?? DEFAULT_PROFILE,
    seed: given.seed ?? Math.floor(Math.random() * 2 ** 31),
    runs: given.runs ?? 30,
    eventTimeout: given.eventTimeout ?? 5000,
    // Its own folder: certify clears old results there, and must not clear npm test's.
    resultsDir: given.resultsDir ?? resolve(cwd, "reports/certify/allure-results"),
    origins: { ...origins },
  } satisfies Settings;
  for (const k of Object.keys(KEYS) as SettingName[])
    if (out.origins[k] === undefined && k in out) out.origins[k] = "default";
  if (embedded && given.secondCredentials === undefined && given.credentials === undefined) {
    return {
      ...out,
      secondCredentials: EMBEDDED_OPERATORS[1]!,
      origins: { ...out.origins, secondCredentials: "default" },
    };
  }
  return out;
}

/** Settings with the embedded simulator's URL filled in. */
export function withTarget(s: Settings, target: string): Settings {
  return { ...s, target: target.replace(/\/+$/, "") };
}

/** A one-line description, credentials redacted. */
export function describeSettings(s: Settings): string {
  const driver = s.driver.kind === "module" ? s.driver.path : s.driver.kind;
  return [
    `target=${s.target ?? "(embedded simulator)"}`,
    `auth=${s.auth}`,
    `operator=${s.credentials.user}`,
    `second=${s.secondCredentials?.user ?? "(none: isolation skipped)"}`,
    `driver=${driver}`,
    `seed=${s.seed}`,
    `runs=${s.runs}`,
  ].join(" ");
}
