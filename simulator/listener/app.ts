// The simulated operator listener (docs/rules.md §2, §6): a separate fastify server that
// receives the events an API sends to `{callback}/listener/{eventName}`, judges
// each against the profile, answers 200 or 400, and records it with its verdict.
// Knobs let a test make it fail, slow down or ask for credentials, so the
// sender's retries and ordering can be exercised. buildListener does not listen.
import { timingSafeEqual } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import Fastify from "fastify";
import { BoundedLog, DROPPED_HEADER } from "../core/bounded-log.ts";
import { errorBody } from "../core/errors.ts";
import { nestsDeeperThan } from "../core/ticket-fields.ts";
import type { Credentials } from "../model/credentials.ts";
import { parseInstant } from "../model/formats.ts";
import type { Model } from "../model/model.ts";
import { compileEventChecker } from "./check.ts";
import {
  applyKnobs,
  KNOBS_SCHEMA,
  type Knobs,
  type KnobsBody,
  knobsJson,
  knobsValidator,
  listenerError,
  publicKnobs,
} from "./knobs.ts";

export type { Knobs } from "./knobs.ts";

export interface ListenerOptions {
  model: Model;
  /** Require these HTTP Basic credentials on every event (401 without). */
  credentials?: Credentials;
  /** fastify's logger option (off by default). */
  logger?: boolean;
  /** Records kept (default LISTENER_MAX_RECORDS); older ones are dropped and counted (docs/rules.md §8). */
  maxRecords?: number;
  /** Largest event accepted, in bytes (default 64 MiB: an event carries the whole ticket, attachments included). */
  bodyLimit?: number;
}

export interface ReceivedEvent {
  seq: number;
  receivedAt: string;
  path: string;
  /** The path's last segment, e.g. troubleTicketStatusChangeEvent. */
  eventName?: string;
  eventId?: string;
  eventType?: string;
  ticketId?: string;
  /** The status code the listener answered. */
  answered: number;
  /** The verdict on the event itself, whatever was answered. */
  valid: boolean;
  reasons: string[];
  warnings: string[];
  /** An event with this eventId was already accepted (at-least-once delivery). */
  duplicate: boolean;
  /** Why the answer was not the verdict's: a knob or missing credentials. */
  forced?: "failNext" | "unauthorized" | "unknownPath";
  body: unknown;
}

/** The records the listener keeps by default; `npm run listen -- --max-records` raises it. */
export const LISTENER_MAX_RECORDS = 10_000;

const LISTENER_PATH = /^(?:.*\/)?listener\/([^/]+)\/?$/;

export function buildListener(options: ListenerOptions): FastifyInstance {
  const { model } = options;
  const checker = compileEventChecker(model);
  const maxRecords = options.maxRecords ?? LISTENER_MAX_RECORDS;
  const initialKnobs = (): Knobs => ({
    failNext: 0,
    failStatus: 500,
    latencyMs: 0,
    credentials: options.credentials ? { ...options.credentials } : null,
  });
  let knobs = initialKnobs();
  const records = new BoundedLog<ReceivedEvent>(maxRecords);
  let seq = 0;
  const accepted = new Set<string>();

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? 64 * 1024 * 1024 });
  app.setErrorHandler(listenerError);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody("notFound", `no ${request.method} ${request.url.split("?")[0]} on the listener`)),
  );
  // Every body is taken as text so that even a malformed one is recorded with its verdict.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));

  const record = (r: Omit<ReceivedEvent, "seq" | "duplicate">): ReceivedEvent => {
    const duplicate = r.eventId !== undefined && accepted.has(r.eventId);
    if (r.eventId !== undefined && r.answered >= 200 && r.answered < 300) {
      accepted.add(r.eventId);
      // Remember a bounded number of ids (a Set iterates oldest first).
      if (accepted.size > maxRecords) accepted.delete(accepted.values().next().value as string);
    }
    const full: ReceivedEvent = { seq: ++seq, ...r, duplicate };
    records.push(full);
    return full;
  };

  app.post("/*", async (req, reply) => {
    const receivedAt = new Date().toISOString();
    const path = req.url.split("?")[0] ?? req.url;
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
    const name = LISTENER_PATH.exec(path)?.[1];
    const { body, parseError } = parse(req);
    const verdict = parseError
      ? { valid: false, reasons: [parseError], warnings: [] }
      : checker.check(name ?? "", body);
    const known = name !== undefined && checker.eventTypeOfPath(name) !== undefined;
    if (!known) {
      verdict.reasons.push(`${path} is not a listener path of this profile`);
      verdict.valid = false;
    }
    const base = {
      receivedAt,
      path,
      ...(name !== undefined ? { eventName: name } : {}),
      ...envelopeIds(model, body),
      valid: verdict.valid,
      reasons: verdict.reasons,
      warnings: verdict.warnings,
      body,
    };
    if (knobs.credentials && !authorized(req, knobs.credentials)) {
      record({ ...base, answered: 401, forced: "unauthorized" });
      return reply
        .code(401)
        .header("www-authenticate", 'Basic realm="listener"')
        .send(errorBody("unauthorized", "the listener requires HTTP Basic credentials"));
    }
    if (knobs.failNext > 0) {
      knobs.failNext--;
      record({ ...base, answered: knobs.failStatus, forced: "failNext" });
      const kind = knobs.failStatus >= 500 ? "internal" : "badRequest";
      const error = {
        ...errorBody(kind, "failure requested through the failNext knob"),
        status: String(knobs.failStatus),
      };
      return reply.code(knobs.failStatus).send(error);
    }
    if (!known) {
      record({ ...base, answered: 404, forced: "unknownPath" });
      return reply.code(404).send(errorBody("notFound", `no listener at ${path}`));
    }
    if (!verdict.valid) {
      record({ ...base, answered: 400 });
      return reply.code(400).send(errorBody("badRequest", verdict.reasons.join("; ")));
    }
    record({ ...base, answered: 200 });
    return reply.code(200).send();
  });

  app.get("/__control/events", async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const one = (k: string) => (typeof q[k] === "string" ? (q[k] as string) : undefined);
    const since = one("since");
    const sinceMs = since === undefined ? undefined : parseInstant(since);
    if (since !== undefined && sinceMs === undefined)
      return reply.code(400).send(errorBody("badQuery", `since must be a date-time, got ${JSON.stringify(since)}`));
    const ticketId = one("ticketId");
    const eventType = one("eventType");
    const valid = one("valid");
    reply.header(DROPPED_HEADER, String(records.dropped));
    return records
      .items()
      .filter(
        (r) =>
          (ticketId === undefined || r.ticketId === ticketId) &&
          (eventType === undefined || r.eventType === eventType) &&
          (valid === undefined || String(r.valid) === valid) &&
          (sinceMs === undefined || Date.parse(r.receivedAt) >= sinceMs),
      );
  });

  app.delete("/__control/events", async (_req, reply) => {
    records.clear();
    accepted.clear();
    return reply.code(204).send();
  });

  app.get("/__control/knobs", async () => publicKnobs(knobs));

  app.post<{ Body: KnobsBody }>(
    "/__control/knobs",
    { preValidation: knobsJson, schema: { body: KNOBS_SCHEMA }, validatorCompiler: knobsValidator },
    async (req) => {
      knobs = applyKnobs(knobs, req.body);
      return publicKnobs(knobs);
    },
  );

  app.delete("/__control/knobs", async (_req, reply) => {
    knobs = initialKnobs();
    return reply.code(204).send();
  });

  return app;
}

function parse(req: FastifyRequest): { body: unknown; parseError?: string } {
  const raw = typeof req.body === "string" ? req.body : "";
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type))
    return { body: raw, parseError: `content-type must be application/json (got ${JSON.stringify(type)})` };
  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch (e) {
    return { body: raw, parseError: `the body is not valid JSON: ${(e as Error).message}` };
  }
  // JSON.parse takes any depth but JSON.stringify recurses: one such record would
  // make GET /__control/events fail until the records are deleted. Kept as text.
  if (nestsDeeperThan(body, MAX_DEPTH))
    return { body: raw.slice(0, 10_000), parseError: `the body nests deeper than ${MAX_DEPTH} levels` };
  return { body };
}

const MAX_DEPTH = 64;

function envelopeIds(model: Model, body: unknown): Pick<ReceivedEvent, "eventId" | "eventType" | "ticketId"> {
  const out: Pick<ReceivedEvent, "eventId" | "eventType" | "ticketId"> = {};
  if (typeof body !== "object" || body === null) return out;
  const b = body as Record<string, unknown>;
  if (typeof b.eventId === "string") out.eventId = b.eventId;
  if (typeof b.eventType === "string") out.eventType = b.eventType;
  const ev = b.event as Record<string, unknown> | undefined;
  const ticket =
    ev && typeof ev === "object" ? (ev[model.events.payloadKey] as Record<string, unknown> | undefined) : undefined;
  const id = ticket && typeof ticket === "object" ? ticket[model.idField] : undefined;
  if (typeof id === "string") out.ticketId = id;
  return out;
}

function authorized(req: FastifyRequest, c: Credentials): boolean {
  const h = req.headers.authorization ?? "";
  const m = /^Basic\s+(\S+)$/i.exec(h);
  if (!m?.[1]) return false;
  const got = Buffer.from(m[1], "base64");
  const want = Buffer.from(`${c.user}:${c.password}`, "utf8");
  return got.length === want.length && timingSafeEqual(got, want);
}
