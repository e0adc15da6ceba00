// The server's facts for the rules document, read from the constants the simulator
// itself runs on (paths, defaults, error catalogue, delivery budget), so that
// docs/rules.md changes when they do.
import { maxHeaderSize } from "node:http";
import { DROPPED_HEADER } from "../core/bounded-log.ts";
import { CATALOGUE, type ErrorKind } from "../core/errors.ts";
import { MAX_LISTED_VIOLATIONS } from "../core/validate.ts";
import { DELIVERY_DEFAULTS, RETRYABLE_STATUSES } from "../events/delivery.ts";
import { MAX_CHANGE_RECORDS } from "../events/history.ts";
import { DEFAULT_AUTH_MODE, DEFAULT_OPERATOR, DEFAULT_TOKEN_TTL_SECONDS } from "../http/app.ts";
import { AUTH_MODES, MAX_TOKENS_PER_OPERATOR } from "../http/auth.ts";
import { MAX_STREAMS } from "../http/console-stream.ts";
import { MAX_BODY_DEPTH } from "../http/content.ts";
import { CONTROL_PREFIX } from "../http/control.ts";
import { OPENAPI_PATH } from "../http/openapi.ts";
import { TOKEN_PATH } from "../http/token.ts";
import type { ErrorFact, LimitFact, LimitFacts } from "../model/doc-facts.ts";
import type { ServerFacts } from "../model/rules-doc.ts";
import { LISTEN } from "./listen-settings.ts";
import type { Command } from "./settings/command.ts";
import { SIMULATE } from "./simulate-settings.ts";

export function serverFacts(): ServerFacts {
  const d = DELIVERY_DEFAULTS;
  return {
    tokenPath: TOKEN_PATH,
    controlPrefix: CONTROL_PREFIX,
    openapiPath: OPENAPI_PATH,
    defaultOperator: { user: DEFAULT_OPERATOR.user, password: DEFAULT_OPERATOR.password },
    defaultAuthMode: DEFAULT_AUTH_MODE,
    authModes: AUTH_MODES,
    tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS,
    maxHeaderBytes: maxHeaderSize,
    maxBodyDepth: MAX_BODY_DEPTH,
    maxListedViolations: MAX_LISTED_VIOLATIONS,
    errors: Object.values(CATALOGUE).map((e) => ({ status: e.status, code: e.code, reason: e.reason })),
    delivery: {
      maxAttempts: d.maxAttempts,
      maxAgeMs: d.maxAgeMs,
      timeoutMs: d.timeoutMs,
      backoffBaseMs: d.backoffBaseMs,
      backoffMaxMs: d.backoffMaxMs,
      jitter: d.jitter,
      retryStatuses: [...RETRYABLE_STATUSES].sort((a, b) => a - b),
    },
    limits: limitFacts(),
  };
}

/** Each limit's default and flag as the command's own settings table has them. */
function limitFacts(): LimitFacts {
  const simulate = (name: string) => limit(SIMULATE as Command<unknown>, name);
  const error = (kind: ErrorKind): ErrorFact => {
    const e = CATALOGUE[kind];
    return { status: e.status, code: e.code, reason: e.reason };
  };
  return {
    ticketsPerOperator: simulate("maxTicketsPerOperator"),
    ticketBytes: simulate("maxTicketBytes"),
    subscriptionsPerOperator: simulate("maxSubscriptionsPerOperator"),
    pendingDeliveries: simulate("maxPendingDeliveries"),
    deliveryRecords: simulate("maxDeliveryRecords"),
    listenerRecords: limit(LISTEN as Command<unknown>, "maxRecords"),
    tokensPerOperator: MAX_TOKENS_PER_OPERATOR,
    changeRecords: MAX_CHANGE_RECORDS,
    consoleStreams: MAX_STREAMS,
    droppedHeader: DROPPED_HEADER,
    refusals: {
      tickets: error("ticketLimit"),
      ticketBytes: error("ticketTooLarge"),
      subscriptions: error("subscriptionLimit"),
      streams: error("streamLimit"),
    },
  };
}

function limit(command: Command<unknown>, name: string): LimitFact {
  const row = command.rows.find((r) => r.name === name);
  if (!row || typeof row.default !== "number") throw new Error(`${command.name} has no numeric setting ${name}`);
  return { value: row.default, command: command.name, flag: `--${row.flag}` };
}
