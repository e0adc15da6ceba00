// The listener's knobs (POST /__control/knobs): what a test may make it do, and the
// JSON Schema of the body that sets them, judged by fastify before the handler runs,
// so a body with any problem changes nothing.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ApiError, type ErrorKind, errorBody } from "../core/errors.ts";
import { nestsDeeperThan } from "../core/ticket-fields.ts";
import { describeViolations } from "../core/validate.ts";
import { CREDENTIALS_PATTERN, type Credentials, masked, parseCredentials } from "../model/credentials.ts";
import { describeErrors } from "../model/problems.ts";
import type { ErrorObject } from "../model/schema-check.ts";
import { createAjv } from "../model/schema-check.ts";

export interface Knobs {
  /** Answer the next N event deliveries with `failStatus`, whatever they carry. */
  failNext: number;
  failStatus: number;
  /** Wait this long before answering each event. */
  latencyMs: number;
  /** Basic credentials an event must carry, or null for none. */
  credentials: Credentials | null;
}

/** The body of POST /__control/knobs: any subset of the knobs. */
export interface KnobsBody {
  failNext?: number;
  failStatus?: number;
  latencyMs?: number;
  credentials?: string | null;
}

export const KNOBS_SCHEMA = {
  title: "the listener's knobs (failNext, failStatus, latencyMs, credentials)",
  type: "object",
  properties: {
    failNext: { type: "integer", minimum: 0, maximum: 1_000_000 },
    failStatus: { type: "integer", minimum: 400, maximum: 599 },
    latencyMs: { type: "integer", minimum: 0, maximum: 600_000 },
    credentials: { type: ["string", "null"], pattern: CREDENTIALS_PATTERN, description: '"user:password" or null' },
  },
  additionalProperties: false,
} as const;

let validate: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;
/** fastify's validatorCompiler for the knobs route: the schema compiled once, by the model's ajv setup. */
export const knobsValidator = () => {
  validate ??= createAjv().compile(KNOBS_SCHEMA);
  return validate;
};

export function applyKnobs(current: Knobs, body: KnobsBody): Knobs {
  const next: Knobs = { ...current };
  if (body.failNext !== undefined) next.failNext = body.failNext;
  if (body.failStatus !== undefined) next.failStatus = body.failStatus;
  if (body.latencyMs !== undefined) next.latencyMs = body.latencyMs;
  if (body.credentials !== undefined)
    next.credentials = body.credentials === null ? null : parseCredentials(body.credentials);
  return next;
}

export function publicKnobs(k: Knobs): Record<string, unknown> {
  // The password is the caller's own, but a control listing has no reason to repeat it.
  return { ...k, credentials: k.credentials ? masked(k.credentials) : null };
}

/** Knobs are flat: a body nested deeper than this is refused before anything recurses over it. */
const MAX_KNOBS_DEPTH = 8;

/**
 * The listener reads every body as text (so that a malformed event is still
 * recorded); the knobs route reads its text as JSON before fastify validates it.
 */
export function knobsJson(request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  const raw = request.body;
  if (typeof raw === "string" && raw.trim() !== "") {
    let body: unknown;
    try {
      body = JSON.parse(raw) as unknown;
    } catch {
      done(new ApiError("badJson", "the knobs body is not valid JSON"));
      return;
    }
    // As for events: code that recurses over JSON (ajv's messages, JSON.stringify) must not meet a deeper body.
    if (nestsDeeperThan(body, MAX_KNOBS_DEPTH)) {
      done(new ApiError("badRequest", `the knobs body nests deeper than ${MAX_KNOBS_DEPTH} levels`));
      return;
    }
    request.body = body;
  }
  done();
}

const KIND_OF: Readonly<Record<number, ErrorKind>> = { 404: "notFound", 413: "tooLarge", 415: "unsupportedMediaType" };

/** The listener's errors as TMF Error bodies; a body's validation problems all listed, 400. */
export function listenerError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof ApiError) return reply.code(err.status).send(err.body());
  if (Array.isArray(err.validation)) {
    const problems = describeErrors(err.validation as unknown as ErrorObject[], "the request body");
    return reply.code(400).send(errorBody("badRequest", describeViolations(problems)));
  }
  const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  const kind = status === 500 ? "internal" : (KIND_OF[status] ?? "badRequest");
  return reply.code(status).send({ ...errorBody(kind, err.message), status: String(status) });
}
