// `npm run simulate` settings: the table (flags, NEXERA_SIMULATE_* variables, config
// keys, defaults) and what the simulator is built with. Files named by a setting
// (profile, operators, seed data) are read while the settings are resolved, so their
// problems are listed with the others'.

import { LIMIT_FLAGS, TICKET_LIMITS } from "../core/limits.ts";
import { DELIVERY_DEFAULTS, DELIVERY_LIMIT_FLAGS } from "../events/delivery.ts";
import { MAX_SUBSCRIPTIONS_PER_OPERATOR, SUBSCRIPTION_LIMIT_FLAG } from "../events/subscriptions.ts";
import { DEFAULT_OPERATOR, DEFAULT_TOKEN_TTL_SECONDS, normalizeBasePath, type SimulatorOptions } from "../http/app.ts";
import { AUTH_MODES, type AuthMode } from "../http/auth.ts";
import { type Fault, parseFaults } from "../http/faults.ts";
import type { Credentials } from "../model/credentials.ts";
import { loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { operatorsFile } from "./operators-file.ts";
import { defineCommand } from "./settings/command.ts";
import {
  credentials,
  httpUrl,
  integer,
  jsonFile,
  oneOf,
  onOff,
  type Parser,
  profileFile,
  text,
} from "./settings/parsers.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "silent"] as const;

export interface SimulateValues {
  host: string;
  port: number;
  basePath: string | undefined;
  credentials: readonly Credentials[];
  operators: readonly Credentials[] | undefined;
  auth: AuthMode;
  profile: Model;
  seedData: unknown;
  autoplay: boolean;
  autoplayStepMs: number;
  publicUrl: string | undefined;
  tokenTtl: number;
  bodyLimit: number | undefined;
  maxTicketsPerOperator: number;
  maxTicketBytes: number;
  maxSubscriptionsPerOperator: number;
  maxPendingDeliveries: number;
  maxDeliveryRecords: number;
  /** "list": print the catalogue instead of starting. */
  misbehave: ReadonlyArray<Fault | "list">;
  logLevel: (typeof LOG_LEVELS)[number];
}

const basePath: Parser<string> = {
  accepts: "a URL path such as /tmf-api/troubleTicket/v4",
  valueName: "PATH",
  schema: { type: "string" },
  parse: (raw) => normalizeBasePath(String(raw)),
};

/** A limit's flag as its refusal message names it (core, events), so the two cannot drift. */
const flagOf = (message: `--${string}`) => message.slice(2);

const fault: Parser<Fault | "list"> = {
  accepts: "a fault of the catalogue (`--misbehave list` prints it), as NAME or NAME:ARG",
  valueName: "FAULT",
  schema: { type: "string", minLength: 1 },
  parse: (raw) => (String(raw).trim() === "list" ? "list" : parseFaults([String(raw).trim()])[0]!),
};

export const SIMULATE = defineCommand<SimulateValues>({
  name: "simulate",
  invocation: "npm run simulate --",
  summary: "Starts the simulated Nexera Trouble Ticket API and prints its base URL on stdout.",
  envPrefix: "NEXERA_SIMULATE_",
  settings: {
    host: { flag: "host", parse: text("HOST"), default: "127.0.0.1", help: "interface to listen on" },
    port: {
      flag: "port",
      parse: integer(0, 65535),
      default: 8080,
      help: "port to listen on; 0 takes a free port (the ready line names it)",
    },
    basePath: {
      flag: "base-path",
      parse: basePath,
      defaultText: "the profile's, `/tmf-api/troubleTicket/v4`",
      help: "API base path",
    },
    credentials: {
      flag: "credentials",
      parse: credentials,
      repeats: true,
      defaultText: `\`${DEFAULT_OPERATOR.user}:${DEFAULT_OPERATOR.password}\` when no operator is given at all`,
      help: "an operator (tenant) and its password",
    },
    operators: {
      flag: "operators",
      parse: operatorsFile,
      help: 'a JSON array of `{"user","password"}` objects or `"user:password"` strings, added to `--credentials`',
    },
    auth: {
      flag: "auth",
      parse: oneOf(AUTH_MODES),
      default: "either",
      help: "what API calls take: `bearer` tokens only, `basic` (HTTP Basic) only, or `either`",
    },
    profile: {
      flag: "profile",
      parse: profileFile,
      default: () => loadProfile(),
      defaultText: "`fixtures/profile/nexera.json`",
      help: "the rules served, e.g. a copy of the profile with a chosen rule corrected",
    },
    seedData: {
      flag: "seed-data",
      parse: jsonFile("a JSON file of tickets (an array of POST bodies)", (data) => data),
      help: 'a JSON array of tickets to preload: POST bodies, each with optional `"operator"` (default: the first operator) and `"status"` (reached through Nexera transitions)',
    },
    autoplay: {
      flag: "autoplay",
      parse: onOff,
      default: false,
      help: "play Nexera's side on each new ticket along the profile's `lifecycle.autoplay` states, waiting where Nexera may not move it, e.g. in pending for the operator's note (docs/rules.md §8)",
    },
    autoplayStepMs: {
      flag: "autoplay-step-ms",
      parse: integer(1, undefined, "MS"),
      default: 2000,
      help: "delay between autoplay steps",
    },
    publicUrl: {
      flag: "public-url",
      parse: httpUrl(),
      defaultText: "none: hrefs are paths",
      help: "origin that hrefs and Location headers start with",
    },
    tokenTtl: {
      flag: "token-ttl",
      parse: integer(1, undefined, "SECONDS"),
      default: DEFAULT_TOKEN_TTL_SECONDS,
      help: "access token lifetime, seconds",
    },
    bodyLimit: {
      flag: "body-limit",
      parse: integer(1, undefined, "BYTES"),
      defaultText: "the profile's, 1 MiB",
      help: "larger request bodies get 413",
    },
    // The limits of docs/rules.md §8: a long-running simulator never grows without bound.
    maxTicketsPerOperator: {
      flag: flagOf(LIMIT_FLAGS.perOperator),
      parse: integer(1),
      default: TICKET_LIMITS.perOperator,
      help: "tickets each operator may hold; past it POST answers 409 TICKET_LIMIT_REACHED and stores nothing",
    },
    maxTicketBytes: {
      flag: flagOf(LIMIT_FLAGS.ticketBytes),
      parse: integer(1, undefined, "BYTES"),
      default: TICKET_LIMITS.ticketBytes,
      help: "largest ticket, as JSON; a create or change that would pass it answers 409 TICKET_TOO_LARGE",
    },
    maxSubscriptionsPerOperator: {
      flag: flagOf(SUBSCRIPTION_LIMIT_FLAG),
      parse: integer(1),
      default: MAX_SUBSCRIPTIONS_PER_OPERATOR,
      help: "hub subscriptions each operator may hold; past it POST /hub answers 409 SUBSCRIPTION_LIMIT_REACHED",
    },
    maxPendingDeliveries: {
      flag: flagOf(DELIVERY_LIMIT_FLAGS.maxPending),
      parse: integer(1),
      default: DELIVERY_DEFAULTS.maxPending,
      help: "events waiting for one subscription's listener; past it a new event is given up, as the delivery log shows",
    },
    maxDeliveryRecords: {
      flag: flagOf(DELIVERY_LIMIT_FLAGS.maxRecords),
      parse: integer(1),
      default: DELIVERY_DEFAULTS.maxRecords,
      help: "delivery attempts /__control/deliveries keeps; older ones are dropped and counted in its X-Records-Dropped header",
    },
    misbehave: {
      flag: "misbehave",
      parse: fault,
      repeats: true,
      // No count here: it would go stale in the README with every fault added.
      help: "break one rule on purpose, to see the suites catch it (`--misbehave list` prints the catalogue)",
    },
    logLevel: {
      flag: "log-level",
      parse: oneOf(LOG_LEVELS, "LEVEL"),
      default: "warn",
      help: "fatal, error, warn, info, debug or silent; logs go to stderr",
    },
  },
});

export interface SimulateConfig {
  host: string;
  port: number;
  options: SimulatorOptions;
}

/** What the simulator is built with, from resolved settings. */
export function simulateConfig(v: SimulateValues): SimulateConfig {
  const operators = [...v.credentials, ...(v.operators ?? [])];
  const options: SimulatorOptions = {
    model: v.profile,
    operators: operators.length > 0 ? operators : [DEFAULT_OPERATOR],
    auth: v.auth,
    tokenTtlSeconds: v.tokenTtl,
    limits: { perOperator: v.maxTicketsPerOperator, ticketBytes: v.maxTicketBytes },
    events: {
      maxSubscriptionsPerOperator: v.maxSubscriptionsPerOperator,
      maxPending: v.maxPendingDeliveries,
      maxRecords: v.maxDeliveryRecords,
    },
    logger: v.logLevel === "silent" ? false : { level: v.logLevel, stream: process.stderr },
  };
  if (v.basePath !== undefined) options.basePath = v.basePath;
  if (v.bodyLimit !== undefined) options.bodyLimit = v.bodyLimit;
  if (v.publicUrl !== undefined) options.publicUrl = v.publicUrl;
  if (v.seedData !== undefined) options.seedData = v.seedData;
  if (v.autoplay) options.autoplay = { stepMs: v.autoplayStepMs };
  const faults = v.misbehave.filter((f): f is Fault => f !== "list");
  if (faults.length > 0) options.faults = faults;
  return { host: v.host, port: v.port, options };
}
