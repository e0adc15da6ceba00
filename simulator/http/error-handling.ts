// Every error the HTTP edge answers goes through here and leaves as a TMF Error body
// from the one catalogue (simulator/core/errors.ts): ApiErrors as they are, fastify's
// own errors mapped to catalogue entries, anything else a logged 500 (a simulator bug).
// Unknown paths are 404; a known path asked with a method it does not offer is 405
// with an Allow header (docs/rules.md §2). What Node's HTTP parser refuses before fastify
// sees a request (clientErrorHandler), CONNECT and unknown Expect values get the
// same Error body, written straight to the socket.

import type { IncomingMessage, ServerResponse } from "node:http";
import { maxHeaderSize, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { ErrorKind } from "../core/errors.ts";
import { ApiError } from "../core/errors.ts";
import { describeViolations } from "../core/validate.ts";
import { describeErrors } from "../model/problems.ts";
import type { ErrorObject } from "../model/schema-check.ts";
import { Unauthorized } from "./auth.ts";

const BY_FASTIFY_CODE: Readonly<Record<string, [ErrorKind, string]>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    "unsupportedMediaType",
    "the request body has no content type or one this server does not accept",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["badJson", "the request body is empty; a JSON object is expected"],
  FST_ERR_CTP_INVALID_JSON_BODY: ["badJson", "the request body is not valid JSON"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["badRequest", "the Content-Length header does not match the body"],
  FST_ERR_BAD_URL: ["badUrl", "the URL is not validly percent-encoded UTF-8"],
  FST_ERR_MAX_PARAM_LENGTH: ["badUrl", "a path segment is too long"],
};

const BY_STATUS: Readonly<Record<number, ErrorKind>> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "notFound",
  405: "methodNotAllowed",
  409: "conflict",
  413: "tooLarge",
  415: "unsupportedMediaType",
};

/** Translates anything thrown into a catalogue error; undefined means "a bug: 500". */
export function toApiError(err: unknown, bodyLimit?: number): ApiError | undefined {
  if (err instanceof ApiError) return err;
  const e = err as Partial<FastifyError> | null;
  if (!e || typeof e !== "object") return undefined;
  if (Array.isArray(e.validation)) {
    const problems = describeErrors(e.validation as unknown as ErrorObject[], "the request body");
    return new ApiError("badRequest", describeViolations(problems));
  }
  if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new ApiError(
      "tooLarge",
      `the request body is larger than the limit of ${bodyLimit ?? "this server"}${bodyLimit ? " bytes" : ""}`,
    );
  }
  const mapped = typeof e.code === "string" ? BY_FASTIFY_CODE[e.code] : undefined;
  if (mapped) return new ApiError(mapped[0], mapped[1]);
  // Parse errors of the JSON parser and other client faults fastify marks with a 4xx.
  if (err instanceof SyntaxError) return new ApiError("badJson", `the request body is not valid JSON: ${err.message}`);
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const kind = status !== undefined ? BY_STATUS[status] : undefined;
  if (kind)
    return new ApiError(kind, typeof e.message === "string" && e.message ? e.message : "the request cannot be served");
  return undefined;
}

export function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  // Kept for the traffic recorder (traffic.ts): the rules the request broke.
  reply.request.apiError = err;
  // One WWW-Authenticate header per challenge (RFC 7235 §4.1).
  if (err instanceof Unauthorized)
    reply.header("www-authenticate", err.challenges.length === 1 ? err.challenges[0] : [...err.challenges]);
  return reply.code(err.status).type("application/json; charset=utf-8").send(err.body());
}

function handle(
  this: FastifyInstance | undefined,
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const api = toApiError(err, this?.initialConfig.bodyLimit);
  if (api) return sendError(reply, api);
  request.log.error({ err }, "unexpected error (a simulator bug)");
  return sendError(
    reply,
    new ApiError("internal", "the simulator failed while serving this request; the error is in its log"),
  );
}

/** For fastify's `frameworkErrors` option (bad URL encodings and the like, before routing). */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  handle.call(undefined, err, request, reply);
}

/**
 * Installs the error and not-found handlers. Call before registering routes: the
 * route table behind 405 is filled by an onRoute hook, so it sees every route
 * registered later, in any plugin (the hub's too).
 */
export function installErrorHandling(app: FastifyInstance): void {
  const routes = new RouteTable();
  app.addHook("onRoute", (r: RouteOptions) => routes.add(r.url, r.method));
  app.setErrorHandler(handle);
  // The router decodes the path strictly (FST_ERR_BAD_URL) but the query leniently
  // ("%ZZ" stays "%ZZ", "%FF" a lone byte): the query is held to the path's rule.
  app.addHook("onRequest", (request, _reply, done) => done(malformedQuery(request.url)));
  app.server.on("connect", (_req: IncomingMessage, socket: Duplex) =>
    writeRaw(socket, new ApiError("methodNotAllowed", "CONNECT is not offered by this server")),
  );
  app.server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => {
    const err = new ApiError(
      "expectationFailed",
      `Expect: ${String(req.headers.expect)} is not supported (only 100-continue)`,
    );
    const body = JSON.stringify(err.body());
    res
      .writeHead(err.status, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
        connection: "close",
      })
      .end(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?", 1)[0] ?? request.url;
    const allowed = routes.allowed(path);
    if (allowed) {
      reply.header("allow", allowed.join(", "));
      return sendError(
        reply,
        new ApiError("methodNotAllowed", `${request.method} is not offered on ${path}; allowed: ${allowed.join(", ")}`),
      );
    }
    return sendError(reply, new ApiError("notFound", `no resource at ${path}`));
  });
}

function malformedQuery(url: string): ApiError | undefined {
  const q = url.indexOf("?");
  if (q < 0) return undefined;
  try {
    decodeURIComponent(url.slice(q + 1));
    return undefined;
  } catch {
    return new ApiError("badUrl", "the query string is not validly percent-encoded UTF-8");
  }
}

/**
 * fastify's clientErrorHandler: Node's HTTP parser refused the bytes (a malformed
 * request line, header or chunk; headers over the size limit) or the client was too
 * slow. Answered with the Error body instead of fastify's own shape, then closed.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: Error & { code?: string; reason?: string },
  socket: Duplex,
): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const api =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? new ApiError("requestTimeout", "the request was not received in time")
      : err.code === "HPE_HEADER_OVERFLOW"
        ? new ApiError(
            "malformedRequest",
            `the request line and headers exceed ${maxHeaderSize} bytes (is the URL too long?)`,
          )
        : new ApiError(
            "malformedRequest",
            `the HTTP request is malformed: ${err.reason ?? err.message}${err.code ? ` (${err.code})` : ""}`,
          );
  this.log.debug({ err }, "client error");
  // As Node does: answer only if no response to this socket has started (keep-alive).
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (inFlight?.headersSent) socket.destroy();
  else writeRaw(socket, api);
}

/** Writes a whole HTTP/1.1 error response to a socket outside fastify, then closes it. */
function writeRaw(socket: Duplex, err: ApiError): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify(err.body());
  const head = `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? ""}\r\nContent-Type: application/json; charset=utf-8\r\n`;
  // Closed once flushed, or after a second for a peer that does not read.
  const timer = setTimeout(() => socket.destroy(), 1000).unref();
  socket.end(`${head}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`, () => {
    clearTimeout(timer);
    socket.destroy();
  });
}

/** Route patterns and their methods, matched against concrete paths (only on the 404 path). */
class RouteTable {
  private readonly byUrl = new Map<string, Set<string>>();
  private compiled: Array<[RegExp, string[]]> | undefined;

  add(url: string, method: string | string[]): void {
    const set = this.byUrl.get(url) ?? new Set<string>();
    for (const m of Array.isArray(method) ? method : [method]) set.add(m);
    this.byUrl.set(url, set);
    this.compiled = undefined;
  }

  allowed(path: string): string[] | undefined {
    this.compiled ??= [...this.byUrl].map(
      ([url, methods]) => [patternOf(url), [...methods].sort()] as [RegExp, string[]],
    );
    const hit = new Set<string>();
    for (const [re, methods] of this.compiled) if (re.test(path)) for (const m of methods) hit.add(m);
    return hit.size > 0 ? [...hit].sort() : undefined;
  }
}

function patternOf(url: string): RegExp {
  const body = url
    .split("/")
    .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg === "*" ? ".*" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${body}$`);
}
