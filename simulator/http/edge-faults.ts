// The HTTP edge's deliberate faults (catalogue: faults.ts; the mechanism:
// simulator/core/faults.ts): thin hooks on the fastify app, installed only when asked
// for, or (the two auth faults) a one-line bend in auth.ts. Each breaks one rule of
// docs/rules.md §2 or §3.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError, type ErrorKind } from "../core/errors.ts";
import type { FaultSpec } from "../core/faults.ts";

/** An HTTP fault: a hook on the app, or a bend in the code that asks for it by name. */
export interface HttpFaultSpec extends FaultSpec {
  readonly install?: (app: FastifyInstance, arg: string | undefined) => void;
}

/** The names auth.ts asks for (docs/rules.md §3). */
export const AUTH_FAULT = {
  noCredentials: "accept-no-credentials",
  expiredToken: "accept-expired-token",
} as const;

/** The route a request matched, with its method, e.g. "POST /tmf-api/troubleTicket/v4/hub". */
const routeOf = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? ""}`;
/** A route of the API by its path under the base path ("hub", "troubleTicket/:id"). */
const apiRoute = (app: FastifyInstance, method: string, path: string) => `${method} ${app.model.basePath}/${path}`;

/** Rewrites the answer to one route: `bend` may change the reply and returns the payload to send. */
function onAnswer(
  app: FastifyInstance,
  when: (request: FastifyRequest, reply: FastifyReply) => boolean,
  bend: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => unknown,
): void {
  app.addHook("onSend", async (request, reply, payload) =>
    when(request, reply) ? bend(request, reply, payload) : payload,
  );
}

/** A status answered as another, with the TMF Error of the other kind (so the body agrees with the status). */
function answerAs(app: FastifyInstance, status: number, kind: ErrorKind, message: string, drop?: string): void {
  onAnswer(
    app,
    (_request, reply) => reply.statusCode === status,
    (_request, reply) => {
      const err = new ApiError(kind, message);
      if (drop) reply.removeHeader(drop);
      reply.code(err.status);
      return JSON.stringify(err.body());
    },
  );
}

/** 201 answered as 200 on one POST route. */
function createdAs200(app: FastifyInstance, path: () => string): void {
  onAnswer(
    app,
    (request, reply) => reply.statusCode === 201 && routeOf(request) === apiRoute(app, "POST", path()),
    (_request, reply, payload) => {
      reply.code(200);
      return payload;
    },
  );
}

export const HTTP_FAULTS: readonly HttpFaultSpec[] = [
  {
    name: "drop-header",
    description: "a response header is never sent",
    arg: { name: "<name>", examples: () => ["X-Total-Count"] },
    proof: { suites: ["filtering"], names: (arg) => new RegExp(arg, "i") },
    install: (app, name) =>
      app.addHook("onSend", async (_request, reply, payload) => {
        reply.removeHeader(name ?? "");
        return payload;
      }),
  },
  {
    name: "create-200",
    description: "POST of a ticket answers 200 instead of 201",
    proof: { suites: ["fields"], names: /expected HTTP 201 \(.*created\), got 200/ },
    install: (app) => createdAs200(app, () => app.model.resource),
  },
  {
    name: "hub-create-200",
    description: "POST /hub answers 200 instead of 201",
    proof: { suites: ["events"], names: /registers a subscription: 201 .*expected HTTP 201 .*got 200/ },
    install: (app) => createdAs200(app, () => app.model.hubPath),
  },
  {
    name: "hub-no-location",
    description: "POST /hub answers without the Location header naming the subscription",
    proof: { suites: ["events"], names: /Location must name the subscription, got undefined/ },
    install: (app) =>
      onAnswer(
        app,
        (request) => routeOf(request) === apiRoute(app, "POST", app.model.hubPath),
        (_request, reply, payload) => {
          reply.removeHeader("location");
          return payload;
        },
      ),
  },
  {
    name: AUTH_FAULT.noCredentials,
    description: "a request without credentials is served, as the first operator",
    proof: { suites: ["auth"], names: /without credentials\), got [23]\d\d/ },
  },
  {
    name: AUTH_FAULT.expiredToken,
    description: "an access token is accepted after its expires_in has passed",
    proof: { suites: ["auth"], names: /past its expires_in of \d+ s\), got 200/ },
  },
  {
    name: "cross-tenant-read",
    description: "GET of another operator's ticket by id answers it, as if the caller owned it",
    proof: { suites: ["isolation"], names: /reads the first one's ticket\), got 200/ },
    install: (app) =>
      app.addHook("preHandler", async (request) => {
        if (routeOf(request) !== apiRoute(app, "GET", `${app.model.resource}/:id`)) return;
        const owner = app.tickets.ownerOf((request.params as { id: string }).id);
        if (owner !== undefined) request.operator = owner;
      }),
  },
  {
    name: "plain-text-errors",
    description: "errors are answered as plain text, not the TMF Error JSON body",
    proof: { suites: ["auth"], names: /must carry the TMF Error body: the body is not JSON/ },
    install: (app) =>
      onAnswer(
        app,
        (request) => request.apiError !== null,
        (request, reply) => {
          reply.type("text/plain; charset=utf-8");
          return request.apiError?.message ?? "";
        },
      ),
  },
  {
    name: "not-allowed-as-404",
    description: "a method a path does not offer is answered 404 instead of 405 with Allow",
    proof: { suites: ["auth"], names: /expected HTTP 405 .*got 404/ },
    install: (app) => answerAs(app, 405, "notFound", "no such resource", "allow"),
  },
  {
    name: "too-large-as-400",
    description: "a body over the size limit is answered 400 instead of 413",
    proof: { suites: ["auth"], names: /expected HTTP 413 .*got 400/ },
    install: (app) => answerAs(app, 413, "badRequest", "the request body cannot be read"),
  },
];
