// `npm run simulate -- [flags]`: starts the simulated Nexera server. Prints exactly
// one line on stdout when ready (the API base URL); everything else goes to stderr.
// Exit codes: 0 on SIGINT/SIGTERM, 2 for a bad command line, profile, operators or
// seed file, 1 if the server cannot listen.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { FAULT_USAGE, FaultError, parseFaults } from "../faults.ts";
import type { SimulatorOptions } from "../http/app.ts";
import { buildSimulator, DEFAULT_OPERATOR, DEFAULT_TOKEN_TTL_SECONDS, normalizeBasePath } from "../http/app.ts";
import type { AuthMode } from "../http/auth.ts";
import { AUTH_MODES, parseOperators } from "../http/auth.ts";
import { type Credentials, parseCredentials } from "../model/credentials.ts";
import { DEFAULT_PROFILE, loadProfile } from "../model/load.ts";
import { parseArgs, UsageError, usage } from "./args.ts";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;
export const DEFAULT_AUTOPLAY_STEP_MS = 2000;

export const SIMULATE_FLAGS = {
  host: { kind: "string", default: DEFAULT_HOST, help: "interface to listen on" },
  port: { kind: "integer", default: DEFAULT_PORT, min: 0, max: 65535, help: "port; 0 takes a free one" },
  "base-path": {
    kind: "string",
    valueName: "path",
    help: "API base path (default: the profile's, /tmf-api/troubleTicket/v4)",
  },
  credentials: {
    kind: "string",
    multiple: true,
    valueName: "user:password",
    help: `an operator (tenant) and its password (default ${DEFAULT_OPERATOR.user}:${DEFAULT_OPERATOR.password} when no operator is given)`,
  },
  operators: {
    kind: "string",
    valueName: "file",
    help: 'JSON array of {"user","password"} or "user:password" operators',
  },
  auth: { kind: "string", choices: AUTH_MODES, default: "either", help: "credentials API calls take" },
  profile: { kind: "string", valueName: "file", help: "rule profile (default fixtures/profile/nexera.json)" },
  "seed-data": {
    kind: "string",
    valueName: "file",
    help: 'JSON array of tickets to preload: POST bodies plus optional "operator" and "status"',
  },
  autoplay: { kind: "boolean", help: "move each new ticket along the profile's autoplay states" },
  "autoplay-step-ms": {
    kind: "integer",
    default: DEFAULT_AUTOPLAY_STEP_MS,
    min: 1,
    help: "delay between autoplay steps",
  },
  "public-url": {
    kind: "string",
    valueName: "url",
    help: "origin that hrefs and Location start with (default: hrefs are paths)",
  },
  "token-ttl": {
    kind: "integer",
    default: DEFAULT_TOKEN_TTL_SECONDS,
    min: 1,
    valueName: "seconds",
    help: "lifetime of access tokens",
  },
  "body-limit": {
    kind: "integer",
    min: 1,
    valueName: "bytes",
    help: "request body limit (default: the profile's, 1048576)",
  },
  misbehave: {
    kind: "string",
    multiple: true,
    valueName: "fault",
    help: `break a rule on purpose, to see the suites catch it: ${FAULT_USAGE.join(", ")}`,
  },
  "log-level": {
    kind: "string",
    choices: ["fatal", "error", "warn", "info", "debug", "silent"],
    default: "warn",
    valueName: "level",
    help: "fatal, error, warn, info, debug or silent; logs go to stderr",
  },
} as const;

const SUMMARY = "Starts the simulated Nexera Trouble Ticket API and prints its base URL.";

export interface SimulateConfig {
  host: string;
  port: number;
  options: SimulatorOptions;
}

/** Reads the command line and the files it names; throws UsageError or a file's error. */
export function configFromArgs(argv: readonly string[]): SimulateConfig | "help" {
  const a = parseArgs(argv, SIMULATE_FLAGS);
  if (a.help) return "help";
  const model = loadProfile(a.profile ?? DEFAULT_PROFILE);
  const operators: Credentials[] = [];
  for (const c of a.credentials) {
    try {
      operators.push(parseCredentials(c));
    } catch (e) {
      throw new UsageError(`--credentials: ${(e as Error).message}`);
    }
  }
  if (a.operators !== undefined) operators.push(...parseOperators(readJson(a.operators), a.operators));
  if (a["public-url"] !== undefined && !/^https?:\/\/[^/]+/.test(a["public-url"])) {
    throw new UsageError(`--public-url must be an absolute http(s) URL, got "${a["public-url"]}"`);
  }
  const options: SimulatorOptions = {
    model,
    operators: operators.length > 0 ? operators : [DEFAULT_OPERATOR],
    auth: a.auth as AuthMode,
    tokenTtlSeconds: a["token-ttl"],
    logger: a["log-level"] === "silent" ? false : { level: a["log-level"], stream: process.stderr },
  };
  if (a["base-path"] !== undefined) options.basePath = normalizeBasePath(a["base-path"]);
  if (a["body-limit"] !== undefined) options.bodyLimit = a["body-limit"];
  if (a["public-url"] !== undefined) options.publicUrl = a["public-url"];
  if (a["seed-data"] !== undefined) options.seedData = readJson(a["seed-data"]);
  if (a.autoplay) options.autoplay = { stepMs: a["autoplay-step-ms"] };
  if (a.misbehave.length > 0) {
    try {
      options.faults = parseFaults(a.misbehave);
    } catch (e) {
      if (e instanceof FaultError) throw new UsageError(`--misbehave: ${e.message}`);
      throw e;
    }
  }
  return { host: a.host, port: a.port, options };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let config: SimulateConfig | "help";
  let app: ReturnType<typeof buildSimulator>;
  try {
    config = configFromArgs(argv);
    if (config === "help") {
      process.stdout.write(`${usage("npm run simulate --", SIMULATE_FLAGS, SUMMARY)}\n`);
      return 0;
    }
    app = buildSimulator(config.options);
    await app.ready();
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`simulate: ${err.message}\n`);
    if (err instanceof UsageError) process.stderr.write(`\n${usage("npm run simulate --", SIMULATE_FLAGS, SUMMARY)}\n`);
    return 2;
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    process.stderr.write(`simulate: cannot listen on ${config.host}:${config.port}: ${(e as Error).message}\n`);
    await app.close();
    return 1;
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const origin = `http://${host}:${addr.port}`;
  const { options } = config;
  process.stderr.write(
    `${[
      `profile ${app.model.id}; auth ${options.auth ?? "either"}; operators ${(options.operators ?? []).map((o) => o.user).join(", ")}`,
      `token:   POST ${origin}/oauth/token (HTTP Basic user:password, grant_type=client_credentials)`,
      `control: ${origin}/__control/${app.model.resource}`,
      `openapi: ${origin}/openapi.json`,
      ...(options.faults ?? []).map((f) => `MISBEHAVING on purpose (--misbehave ${f.spec}): ${f.breaks}`),
      ...(options.autoplay
        ? [`autoplay: every ${options.autoplay.stepMs} ms through ${app.model.lifecycle.autoplay.join(" -> ")}`]
        : []),
    ].join("\n")}\n`,
  );
  process.stdout.write(`Nexera simulator listening at ${origin}${app.model.basePath}\n`);

  return new Promise<number>((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      process.stderr.write(`simulate: ${signal}, closing\n`);
      app.close().then(
        () => resolve(0),
        (e: unknown) => {
          process.stderr.write(`simulate: error while closing: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    // "on", not "once": a wrapper (tsx) may relay a signal the process group also got.
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
