// buildSimulator(options): the simulated Nexera server as a fastify instance, not
// listening (the CLI listens; tests inject). Layout (docs/rules.md §2, §3, §8):
//   POST /oauth/token               token endpoint, at the root
//   GET  /openapi.json              the API described from the model, no auth
//   {basePath}/troubleTicket...     the API, authenticated; the tenant is the operator
//   {basePath}/hub...               event subscriptions (hub.ts), authenticated
//   /__control/...                  Nexera staff's side, authenticated, all tenants
//   /__console...                   the console: the control interface in a browser (console.ts)

import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import Fastify from "fastify";
import type { ApiError } from "../core/errors.ts";
import type { TicketLimits } from "../core/limits.ts";
import type { Change, TicketService } from "../core/tickets.ts";
import { createTicketService } from "../core/tickets.ts";
import { createEventHub } from "../events/events.ts";
import type { Credentials } from "../model/credentials.ts";
import type { Model } from "../model/model.ts";
import type { Authenticator, AuthMode } from "./auth.ts";
import { checkOperators, createAuthenticator } from "./auth.ts";
import { startAutoplay } from "./autoplay.ts";
import { consolePlugin } from "./console.ts";
import { CONTROL_PREFIX, controlRoutes } from "./control.ts";
import { clientErrorHandler, frameworkErrors, installErrorHandling } from "./error-handling.ts";
import { activeOf, type Fault, faultyModel, installFaults } from "./faults.ts";
import { type EventsOptions, hubPlugin } from "./hub.ts";
import { buildOpenApi, OPENAPI_PATH } from "./openapi.ts";
import { seedTickets } from "./seed.ts";
import { ticketRoutes } from "./tickets.ts";
import { tokenRoutes } from "./token.ts";
import type { TrafficRecorder } from "./traffic.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The simulated server's ticket service (hub routes, autoplay and tests reach it here). */
    tickets: TicketService;
    /** The rule model the simulator serves (its basePath is the effective one). */
    model: Model;
  }
  interface FastifyRequest {
    /** The authenticated operator (tenant); "" before authentication. */
    operator: string;
    /** The change the request stored (ticket routes), for the traffic recorder. */
    change: Change | null;
    /** The error the request was answered with (error-handling.ts), for the traffic recorder. */
    apiError: ApiError | null;
  }
}

/** What a plugin under the authenticated base path receives (ticket routes, hub routes). */
export interface ApiScope {
  model: Model;
  service: TicketService;
  basePath: string;
  publicUrl?: string;
}
export type ApiPlugin = FastifyPluginAsync<ApiScope>;

/** The plugins registered under the authenticated base path, in order. */
const API_PLUGINS: readonly ApiPlugin[] = [ticketRoutes];

const VERBOSE = new Set(["trace", "debug", "info"]);

export const DEFAULT_OPERATOR: Credentials = { user: "operator", password: "operator-secret" };
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Bearer tokens and HTTP Basic both (docs/rules.md §3, §8). */
export const DEFAULT_AUTH_MODE: AuthMode = "either";

export interface SimulatorOptions {
  model: Model;
  /** Default model.basePath. */
  basePath?: string;
  /** The operators (tenants) and their passwords; default operator:operator-secret. */
  operators?: readonly Credentials[];
  /** Which credentials API calls take; default "either". */
  auth?: AuthMode;
  /** Default 3600. */
  tokenTtlSeconds?: number;
  /** Request body limit in bytes; default model.bodyLimitBytes. */
  bodyLimit?: number;
  /** Origin the hrefs start with, e.g. http://127.0.0.1:8080; without it hrefs are paths. */
  publicUrl?: string;
  /** Tickets to preload (the --seed-data format, see seed.ts). */
  seedData?: unknown;
  /** Moves every new ticket along model.lifecycle.autoplay, one step every stepMs, waiting where Nexera may not move it (autoplay.ts). */
  autoplay?: { stepMs: number };
  logger?: FastifyServerOptions["logger"];
  /** The clock of the service and of token expiry (tests). */
  now?: () => Date;
  /** More plugins under the authenticated base path, after the built-in ones. */
  apiPlugins?: readonly ApiPlugin[];
  /** Deliberate misbehaviour (the catalogue in faults.ts), to show the suites catch it. */
  faults?: readonly Fault[];
  /** Tickets per operator and bytes per ticket (docs/rules.md §8); default core/limits.ts TICKET_LIMITS. */
  limits?: Partial<TicketLimits>;
  /** Hub and event delivery tuning: attempts, backoff, timeouts, drain, and their limits (simulator/http/hub.ts). */
  events?: EventsOptions;
  /** Records every request, change and delivery for judging a client (traffic.ts; certify --role client). */
  traffic?: TrafficRecorder;
}

export function buildSimulator(options: SimulatorOptions): FastifyInstance {
  const basePath = normalizeBasePath(options.basePath ?? options.model.basePath);
  const faults = options.faults ?? [];
  const served = faultyModel(options.model, faults);
  // The service builds hrefs from model.basePath: serve it the effective one.
  const model = basePath === served.basePath ? served : Object.freeze({ ...served, basePath });
  const operators = options.operators ?? [DEFAULT_OPERATOR];
  checkOperators(operators);
  const now = options.now;
  const publicUrl = options.publicUrl?.replace(/\/+$/, "");
  const active = activeOf(faults);
  const service = createTicketService(model, {
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(now ? { now } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    faults: active,
  });
  const mode = options.auth ?? DEFAULT_AUTH_MODE;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const auth = createAuthenticator({
    operators,
    mode,
    tokenTtlSeconds,
    ...(now ? { now: () => now().getTime() } : {}),
    faults: active,
  });

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? model.bodyLimitBytes,
    frameworkErrors,
    clientErrorHandler,
    // A child logger per request (for its id) costs about a fifth of GET-by-id
    // throughput; bind one only when request-level (info or finer) logs are wanted.
    childLoggerFactory: (logger, bindings, opts) => (VERBOSE.has(logger.level) ? logger.child(bindings, opts) : logger),
  });
  app.decorate("tickets", service);
  app.decorate("model", model);
  app.decorateRequest("operator", "");
  app.decorateRequest("change", null);
  app.decorateRequest("apiError", null);
  installErrorHandling(app);
  options.traffic?.install(app, {
    model,
    service,
    basePath,
    authMode: mode,
    tokenTtlSeconds,
    operators: operators.map((o) => o.user),
  });
  const { onShutdown, ...events } = (options.traffic ? options.traffic.events(options.events) : options.events) ?? {};
  // Made here, before the seed data, so that seeded tickets have their story too.
  const hub = createEventHub(model, service, {
    log: (message, detail) => app.log.warn({ detail }, message),
    ...events,
    faults: active,
  });
  if (options.seedData !== undefined)
    seedTickets(
      service,
      model,
      options.seedData,
      operators.map((o) => o.user),
    );
  installFaults(app, faults);

  const authenticate = authHook(auth);
  const scope: ApiScope = { model, service, basePath, ...(publicUrl !== undefined ? { publicUrl } : {}) };
  const openapi = JSON.stringify(
    buildOpenApi(model, { basePath, authMode: mode, ...(publicUrl !== undefined ? { publicUrl } : {}) }),
  );

  app.get(OPENAPI_PATH, (_request, reply) => reply.type("application/json; charset=utf-8").send(openapi));
  app.register(tokenRoutes, { auth });
  app.register(
    async (api) => {
      api.addHook("onRequest", authenticate);
      for (const plugin of [...API_PLUGINS, ...(options.apiPlugins ?? [])]) await api.register(plugin, scope);
    },
    { prefix: basePath },
  );
  app.register(
    async (control) => {
      control.addHook("onRequest", authenticate);
      await control.register(controlRoutes, { model, service, hub, actor: "control" });
    },
    { prefix: CONTROL_PREFIX },
  );
  // Hub subscriptions (simulator/http/hub.ts): under the base path, authenticated by the same hook.
  app.register(hubPlugin, { ...scope, authenticate, hub, ...(onShutdown ? { onShutdown } : {}) });
  app.register(consolePlugin, {
    model,
    service,
    hub,
    operators: operators.map((o) => o.user),
    authenticate: (request, _reply, done) => {
      request.operator = auth.person(request.headers.authorization);
      done();
    },
    ...(options.traffic ? { traffic: options.traffic } : {}),
  });

  if (options.autoplay) {
    const stop = startAutoplay(service, {
      stepMs: options.autoplay.stepMs,
      lifecycle: model.lifecycle,
      idField: model.idField,
      onError: (err) => app.log.error({ err }, "autoplay step failed"),
    });
    app.addHook("onClose", (_instance, done) => {
      stop();
      done();
    });
  }
  return app;
}

/** The onRequest hook of the authenticated scopes: sets request.operator or answers 401. */
function authHook(auth: Authenticator) {
  return function authenticate(request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
    request.operator = auth.authenticate(request.headers.authorization);
    done();
  };
}

/** "/a/b/" -> "/a/b"; "a" -> "/a"; "/" -> "" (the API at the root). */
export function normalizeBasePath(p: string): string {
  const trimmed = p.trim().replace(/\/+$/, "");
  return trimmed === "" ? "" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
