// The settings of one certify run as the suites read them: plain JSON, handed from
// certify (or the global setup) to every worker. The table that resolves them (flags,
// NEXERA_* variables, config file, defaults) is suites/cli/certify-settings.ts.
import type { Credentials } from "../../simulator/model/credentials.ts";

export type { Credentials };

/** What a certify run judges: a Nexera-side server, an operator's listener, or an operator's client. */
export type Role = "server" | "listener" | "client";
export const ROLES: readonly Role[] = ["server", "listener", "client"];

export type AuthMode = "bearer" | "basic" | "either";
export const AUTH_MODES: readonly AuthMode[] = ["bearer", "basic", "either"];

/** How Nexera-side changes happen (docs/rules.md §5, §8): the simulator's control interface, none, or a driver module (suites/driver/contract.ts). */
export type DriverSetting =
  | { readonly kind: "simulator" }
  | { readonly kind: "none" }
  | { readonly kind: "module"; readonly path: string };

/** Where a setting came from. */
export type Origin = "flag" | "env" | "file" | "default";

/** Resolved settings. `target` undefined means: start the embedded simulator. */
export interface Settings {
  readonly role: Role;
  /** Server role: the suites to run (certify --suite); empty or absent, all of them. */
  readonly suites?: readonly string[];
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
  /** The run's folder: index.html, junit.xml, summary.json, allure-results/, history.jsonl. */
  readonly resultsDir: string;
  readonly html?: boolean;
  /** Accepted deviations (--known-failures): rule ids with a reason and an optional expiry. */
  readonly knownFailures?: ReadonlyArray<{ readonly rule: string; readonly reason: string; readonly expires?: string }>;
  /** Listener role: the HTTP Basic credentials every event carries (when given). */
  readonly listenerCredentials?: Credentials;
  /** Client role: the operators the simulator accepts. */
  readonly operators?: readonly Credentials[];
  readonly host: string;
  readonly port: number;
  /** Client role: milliseconds to watch before the verdict (undefined: until a signal). */
  readonly duration?: number;
  readonly autoplayStepMs: number;
  readonly tokenTtl: number;
  /** Every case listed as it runs (vitest's own reporter), instead of one progress line. */
  readonly verbose?: boolean;
  /** The command that replays this run (certify computes it from its command line). */
  readonly replay?: string;
  /** Client role: the verdict file certify wrote after watching, for the verdict suite to report. */
  readonly clientVerdict?: string;
  readonly origins: Readonly<Partial<Record<SettingName, Origin>>>;
}

export type SettingName = Exclude<keyof Settings, "origins">;

/** Settings with the embedded simulator's URL filled in. */
export function withTarget(s: Settings, target: string): Settings {
  return { ...s, target: target.replace(/\/+$/, "") };
}

/** A one-line description, credentials redacted. */
export function describeSettings(s: Settings): string {
  const driver = s.driver.kind === "module" ? s.driver.path : s.driver.kind;
  if (s.role === "listener")
    return [
      "role=listener",
      `target=${s.target ?? "(the simulated listener)"}`,
      `credentials=${s.listenerCredentials ? `${s.listenerCredentials.user}:***` : "(none)"}`,
      `seed=${s.seed}`,
    ].join(" ");
  if (s.role === "client")
    return [
      "role=client",
      `auth=${s.auth}`,
      `operators=${(s.operators ?? []).map((o) => o.user).join(",")}`,
      `autoplay-step-ms=${s.autoplayStepMs}`,
      `token-ttl=${s.tokenTtl}`,
    ].join(" ");
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
