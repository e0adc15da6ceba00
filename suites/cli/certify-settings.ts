// `npm run certify` settings: the table (flags, NEXERA_* variables, config keys,
// defaults) on the engine of simulator/cli/settings, and the plain Settings the suites
// read. Defaults differ for the embedded simulator and an outside target.
import { resolve } from "node:path";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import {
  credentials,
  duration,
  httpUrl,
  integer,
  jsonFile,
  oneOf,
  onOff,
  type Parser,
  path,
  text,
  wrong,
} from "../../simulator/cli/settings/parsers.ts";
import { type Inputs, type Resolved, resolveSettings } from "../../simulator/cli/settings/resolve.ts";
import { DEFAULT_PROFILE, loadProfile } from "../../simulator/model/load.ts";
import { SERVER_SUITES, type ServerSuite } from "../roles.ts";
import { HarnessError } from "../support/errors.ts";
import {
  AUTH_MODES,
  type AuthMode,
  type Credentials,
  type DriverSetting,
  ROLES,
  type Role,
  type Settings,
} from "../target/settings.ts";
import { KNOWN_FAILURES_ACCEPTS, type KnownFailure, readKnownFailures } from "./known-failures-file.ts";

export interface CertifyValues {
  role: Role;
  verbose: boolean;
  suite: string | undefined;
  target: string | undefined;
  tokenUrl: string | undefined;
  credentials: readonly Credentials[];
  secondCredentials: Credentials | undefined;
  auth: AuthMode;
  driver: DriverSetting;
  listenerHost: string;
  listenerPort: number;
  listenerPublicUrl: string | undefined;
  profile: string;
  seed: number;
  runs: number;
  eventTimeout: number;
  resultsDir: string;
  html: boolean;
  knownFailures: readonly KnownFailure[] | undefined;
  host: string;
  port: number;
  duration: number | undefined;
  autoplayStepMs: number;
  tokenTtl: number;
  clientVerdict: string | undefined;
}

/** The roles a setting applies to, where it does not apply to every role. */
const ONLY: Partial<Record<keyof CertifyValues, readonly Role[]>> = {
  suite: ["server"],
  tokenUrl: ["server"],
  secondCredentials: ["server"],
  auth: ["server", "client"],
  driver: ["server"],
  listenerHost: ["server"],
  listenerPort: ["server"],
  listenerPublicUrl: ["server"],
  runs: ["server"],
  eventTimeout: ["server", "listener"],
  host: ["client"],
  port: ["client"],
  duration: ["client"],
  autoplayStepMs: ["client"],
  tokenTtl: ["client"],
  clientVerdict: ["client"],
};

/** Settings given for another role than the run's, and each role's own constraints (docs/decisions/0009-roles.md). */
function checkRoles(v: CertifyValues, origins: Readonly<Record<keyof CertifyValues, string>>): string[] {
  const problems: string[] = [];
  for (const [name, roles] of Object.entries(ONLY) as Array<[keyof CertifyValues, readonly Role[]]>) {
    if (origins[name] !== "default" && !roles.includes(v.role)) {
      const row = CERTIFY.rows.find((r) => r.name === name)!;
      problems.push(`--${row.flag} applies to --role ${roles.join(" or ")}, not to --role ${v.role}`);
    }
  }
  if (v.role === "client" && v.target !== undefined)
    problems.push("--role client starts its own simulator for the client to call: --target does not apply");
  if (v.role !== "client" && v.credentials.length > 1)
    problems.push(
      `--credentials given ${v.credentials.length} times: --role ${v.role} takes one${v.role === "server" ? " (a second operator is --second-credentials)" : ""}`,
    );
  return problems;
}

/** Resolved settings handed from certify to vitest's global setup (JSON). */
export const RESOLVED_ENV = "NEXERA_RESOLVED_SETTINGS";

/** The embedded simulator's operators (it is configured with both, so isolation runs under npm test). */
export const EMBEDDED_OPERATORS: readonly [Credentials, Credentials] = [
  { user: "operator", password: "operator-secret" },
  { user: "operator-b", password: "operator-b-secret" },
];

const DRIVER = "simulator, none, or the path of a driver module (suites/driver/contract.ts: move, optionally set)";
const driver: Parser<DriverSetting> = {
  accepts: DRIVER,
  valueName: "simulator|none|./m.js",
  schema: { type: "string", minLength: 1 },
  parse(raw, baseDir) {
    if (typeof raw !== "string" || raw.trim() === "") throw wrong(DRIVER, raw);
    const s = raw.trim();
    return s === "simulator" || s === "none" ? { kind: s } : { kind: "module", path: resolve(baseDir, s) };
  },
};

/** A profile path, checked here so a broken profile is a bad setting (exit 2), never the target's fault. */
export const profilePath: Parser<string> = {
  ...path("FILE", "a profile file (fixtures/schema/profile.schema.json)"),
  parse(raw, baseDir) {
    const file = path().parse(raw, baseDir);
    loadProfile(file);
    return file;
  },
};

/** --profile of the commands that start their own simulators (certify:faults, certify:seeds). */
export const simulatedProfile = {
  flag: "profile",
  parse: profilePath,
  default: DEFAULT_PROFILE,
  defaultText: "`fixtures/profile/nexera.json`",
  help: "the profile the simulator serves and the suites judge by",
} as const;

const SUITES_ACCEPTED = `suite names, comma-separated: ${SERVER_SUITES.join(", ")}`;
export const suiteList: Parser<string> = {
  accepts: SUITES_ACCEPTED,
  valueName: "NAME[,NAME]",
  schema: { type: "string", minLength: 1 },
  parse(raw) {
    const names = String(raw)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0 || names.some((n) => !(SERVER_SUITES as readonly string[]).includes(n)))
      throw wrong(SUITES_ACCEPTED, raw);
    return names.join(",");
  },
};

const embedded = (given: { readonly target?: string | undefined }) => given.target === undefined;

export const CERTIFY = defineCommand<CertifyValues>({
  name: "certify",
  invocation: "npm run certify --",
  summary:
    "Certifies one side of the Nexera Trouble Ticket API and prints a summary: --role server (default) runs the\n" +
    "conformance suites against a server (or the embedded simulator); --role listener sends Nexera's events to an\n" +
    "operator's listener; --role client starts the simulator and judges the traffic of an operator's client.",
  envPrefix: "NEXERA_",
  check: (values, origins) => checkRoles(values, origins),
  settings: {
    role: {
      flag: "role",
      parse: oneOf(ROLES),
      default: "server",
      help: "what is certified: a Nexera-side server, an operator's listener, or an operator's client",
    },
    verbose: {
      flag: "verbose",
      parse: onOff,
      default: false,
      help: "list every case as it runs (vitest's reporter) instead of one progress line",
    },
    suite: {
      flag: "suite",
      parse: suiteList,
      defaultText: "every suite",
      help: `server: run only these suites, comma-separated: ${SERVER_SUITES.join(", ")}`,
    },
    target: {
      flag: "target",
      parse: httpUrl(),
      defaultText: "none: the embedded simulator (server) or simulated listener (listener)",
      help: "server: the API base URL under test; listener: the listener's base URL",
    },
    tokenUrl: {
      flag: "token-url",
      parse: httpUrl(),
      defaultText: "`{target origin}/oauth/token`",
      help: "OAuth2 token endpoint",
    },
    credentials: {
      flag: "credentials",
      parse: credentials,
      repeats: true,
      defaultText: "server and client: `operator:operator-secret`; listener: none",
      help: "server: the operator's client credentials; listener: the HTTP Basic credentials events carry; client: the operators (repeatable)",
    },
    secondCredentials: {
      flag: "second-credentials",
      parse: credentials,
      default: (given) =>
        embedded(given) && (given.credentials ?? []).length === 0 && (given.role ?? "server") === "server"
          ? EMBEDDED_OPERATORS[1]
          : undefined,
      defaultText: "embedded: `operator-b:operator-b-secret`; else none (isolation skipped)",
      help: "a second operator, for the isolation checks",
    },
    auth: {
      flag: "auth",
      parse: oneOf(AUTH_MODES),
      // The embedded simulator accepts both (so does simulate); an outside target is assumed to follow the seed (Bearer tokens).
      default: (given) => (embedded(given) ? "either" : "bearer"),
      defaultText: "embedded simulator and client: `either`; else `bearer`",
      help: "server: what the target accepts; client: what the simulator accepts",
    },
    driver: {
      flag: "driver",
      parse: driver,
      default: (given) => (embedded(given) ? { kind: "simulator" } : { kind: "none" }),
      defaultText: "embedded: `simulator`; else `none`",
      help: "how Nexera-side changes happen: the simulator's control interface, none, or a module exporting `move` (transitions) and optionally `set` (attribute changes)",
    },
    listenerHost: {
      flag: "listener-host",
      parse: text("HOST"),
      default: "127.0.0.1",
      help: "where the embedded listener binds",
    },
    listenerPort: {
      flag: "listener-port",
      parse: integer(0, 65535),
      default: 0,
      defaultText: "`0` (a free port)",
      help: "the embedded listener's port",
    },
    listenerPublicUrl: {
      flag: "listener-public-url",
      parse: httpUrl(),
      defaultText: "the listener's own URL",
      help: "the URL the target must call back",
    },
    profile: {
      flag: "profile",
      parse: profilePath,
      default: DEFAULT_PROFILE,
      defaultText: "`fixtures/profile/nexera.json`",
      help: "the rules the target is judged by",
    },
    seed: {
      flag: "seed",
      parse: integer(-(2 ** 31), 2 ** 31 - 1),
      default: () => Math.floor(Math.random() * 2 ** 31),
      defaultText: "random, printed on every run",
      help: "seed of the run: the same seed replays the same run",
    },
    runs: {
      flag: "runs",
      parse: integer(1, 100_000),
      default: 30,
      help: "fast-check runs per property: the inputs each generated case tries (properties, filtering, lifecycle, robustness)",
    },
    eventTimeout: {
      flag: "event-timeout",
      parse: integer(100, 600_000, "MS"),
      default: 5000,
      help: "milliseconds to wait for an expected event",
    },
    resultsDir: {
      flag: "results-dir",
      parse: path("DIR"),
      // Its own folder: certify replaces the run's results there, and must not touch npm test's (nor a server run's).
      default: (given, cwd) => resolve(cwd, given.role === "client" ? "reports/client" : "reports/certify"),
      defaultText: "`reports/certify`; client: `reports/client`",
      help: "the run's folder: index.html, junit.xml, summary.json, the Allure results and their history",
    },
    knownFailures: {
      flag: "known-failures",
      parse: jsonFile(KNOWN_FAILURES_ACCEPTS, readKnownFailures),
      help: "accepted deviations: their failures are reported as known and do not fail the run (see the README)",
    },
    html: {
      flag: "html",
      parse: onOff,
      default: true,
      help: "write the one-file HTML report, index.html, at the end of the run (--no-html skips it)",
    },
    host: { flag: "host", parse: text("HOST"), default: "127.0.0.1", help: "client: where the simulator listens" },
    port: {
      flag: "port",
      parse: integer(0, 65535),
      default: 8080,
      help: "client: the simulator's port; 0 takes a free one (the listening line names it)",
    },
    duration: {
      flag: "duration",
      parse: duration,
      defaultText: "until SIGINT or SIGTERM",
      help: "client: how long to watch the client's traffic before the verdict, e.g. 90s, 10m or 1h",
    },
    autoplayStepMs: {
      flag: "autoplay-step-ms",
      parse: integer(1, undefined, "MS"),
      default: 2000,
      help: "client: delay between the steps Nexera takes on each ticket",
    },
    tokenTtl: {
      flag: "token-ttl",
      parse: integer(1, undefined, "SECONDS"),
      default: 3600,
      help: "client: lifetime of the access tokens the simulator issues",
    },
    clientVerdict: {
      flag: "verdict",
      parse: path("FILE"),
      // In the run's folder, beside the report it feeds.
      default: (given, cwd) =>
        given.role === "client" ? resolve(cwd, given.resultsDir ?? "reports/client", "verdict.json") : undefined,
      defaultText: "`verdict.json` in --results-dir (`reports/client/verdict.json`)",
      help: "client: where the verdict goes (JSON: every case, with the requests that show it)",
    },
  },
});

/** The plain Settings the suites read, from resolved values (undefined settings left out). */
export function toSettings(r: Resolved<CertifyValues>): Settings {
  const { credentials: given, suite, ...rest } = r.values;
  const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  // One flag, three meanings (docs/decisions/0009-roles.md): the operator, the listener's credentials, the operators.
  const byRole =
    r.values.role === "listener"
      ? { credentials: EMBEDDED_OPERATORS[0], ...(given[0] ? { listenerCredentials: given[0] } : {}) }
      : r.values.role === "client"
        ? {
            credentials: given[0] ?? EMBEDDED_OPERATORS[0],
            operators: given.length > 0 ? given : [EMBEDDED_OPERATORS[0]],
          }
        : { credentials: given[0] ?? EMBEDDED_OPERATORS[0] };
  return {
    ...(values as unknown as Omit<Settings, "origins" | "credentials">),
    ...byRole,
    ...(suite !== undefined ? { suites: suite.split(",") as ServerSuite[] } : {}),
    origins: r.origins,
  };
}

/** Resolves certify's settings (no --help here); bad settings throw the engine's SettingsError. */
export function certifySettings(inputs: Inputs = {}): Settings {
  return toSettings(resolveSettings(CERTIFY, inputs));
}

/** Settings certify resolved and handed down, if any (the global setup reads these first). */
export function handedDown(env: Readonly<Record<string, string | undefined>>): Settings | undefined {
  const raw = env[RESOLVED_ENV];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Settings;
  } catch (e) {
    throw new HarnessError(`${RESOLVED_ENV} is not valid JSON: ${(e as Error).message}`);
  }
}
