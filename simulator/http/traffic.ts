// The traffic recorder of `certify --role client`: every request an operator's client
// sends (the API, the token endpoint, the hub, and /__control, which a client must not
// use), with what the simulator answered and why, every change of the ticket service
// (whoever made it), and every event delivery attempt. Installed by buildSimulator's
// `traffic` option; it only watches (onResponse, after the answer is sent), so it never
// changes an answer. Bodies are bounded; Authorization values, tokens and the passwords
// of hub callbacks are never kept. The judge (judge.ts) reads a snapshot. The console's
// requests (/__console) are a person's on Nexera's side, as autoplay is, and not recorded.
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RuleViolation } from "../core/errors.ts";
import { type Change, type ChangeSummary, summarize, type TicketService } from "../core/tickets.ts";
import { isPlainObject } from "../core/validate.ts";
import type { AttemptRecord, PendingDelivery } from "../events/delivery.ts";
import type { EventsOptions } from "../events/events.ts";
import type { Model } from "../model/model.ts";
import { ticketTypeOf } from "../model/model.ts";
import type { AuthMode } from "./auth.ts";
import { CONSOLE_PREFIX } from "./control.ts";
import { OPENAPI_PATH } from "./openapi.ts";

export interface TrafficRecord {
  readonly seq: number;
  /** When the request arrived. */
  readonly at: string;
  readonly ms: number;
  /** The authenticated operator; absent when authentication failed or was not asked. */
  readonly operator?: string;
  /** The scheme of the Authorization header, never its value. */
  readonly auth: "bearer" | "basic" | "none" | "other";
  readonly method: string;
  readonly path: string;
  /** The raw query string, without "?". */
  readonly query: string;
  /** The route pattern that served it (e.g. /tmf-api/troubleTicket/v4/troubleTicket/:id); absent when none did. */
  readonly route?: string;
  /** The `:id` of the route, when it has one. */
  readonly id?: string;
  readonly status: number;
  readonly contentType?: string;
  /** The parsed body as JSON text, bounded and redacted. */
  readonly body?: string;
  /** A hash of method, URL and the whole body: the same request sent again has the same one. */
  readonly fingerprint: string;
  /** The TMF Error of a refused request (message bounded). */
  readonly error?: { readonly code: string; readonly reason: string; readonly message: string };
  readonly violations?: readonly RuleViolation[];
  /** The ticket type the request was judged by (a POST's body, a PATCH's or GET's stored ticket). */
  readonly ticketType?: string;
  /** The lifecycle field's value in the body (an operator transition asked for). */
  readonly statusRequested?: string;
  /** What a successful change did to the ticket. */
  readonly change?: {
    readonly ticketId: string;
    readonly kind: Change["kind"];
    readonly from?: string;
    readonly statusChanges: Change["statusChanges"];
    readonly changedFields: readonly string[];
  };
}

/** A change of the ticket service; `bySeq` names the request that made it, absent for Nexera's own (autoplay). */
export interface ChangeRecord extends ChangeSummary {
  bySeq?: number;
}

export interface TrafficLog {
  readonly startedAt: string;
  readonly basePath: string;
  readonly authMode: AuthMode;
  readonly tokenTtlSeconds: number;
  readonly operators: readonly string[];
  readonly records: readonly TrafficRecord[];
  /** Requests past the bound, counted but not kept. */
  readonly dropped: number;
  readonly changes: readonly ChangeRecord[];
  readonly attempts: readonly AttemptRecord[];
  /** What delivery could not hand over before the simulator closed. */
  readonly undelivered: readonly PendingDelivery[];
}

export interface TrafficContext {
  model: Model;
  service: TicketService;
  basePath: string;
  authMode: AuthMode;
  tokenTtlSeconds: number;
  operators: readonly string[];
}

export interface TrafficRecorder {
  /** Adds the recording hook and the change listener (buildSimulator calls it before any route). */
  install(app: FastifyInstance, ctx: TrafficContext): void;
  /** The delivery options with the recorder's attempt and shutdown watchers added. */
  events(base?: EventsOptions): EventsOptions;
  snapshot(): TrafficLog;
  /** Tells fn of every request recorded (the console's live verdict); returns the unsubscribe. */
  watch(fn: () => void): () => void;
}

export interface TrafficOptions {
  /** Requests kept (default 20 000); later ones are counted. */
  maxRecords?: number;
  /** Characters of a body or message kept (default 2000). */
  maxText?: number;
}

const SECRET_KEYS = new Set(["access_token", "refresh_token", "client_secret", "password"]);

export function createTrafficRecorder(opts: TrafficOptions = {}): TrafficRecorder {
  const maxRecords = opts.maxRecords ?? 20_000;
  const maxText = opts.maxText ?? 2000;
  const startedAt = new Date().toISOString();
  const records: TrafficRecord[] = [];
  const changes: ChangeRecord[] = [];
  const attempts: AttemptRecord[] = [];
  let undelivered: readonly PendingDelivery[] = [];
  const byChange = new WeakMap<Change, ChangeRecord>();
  let dropped = 0;
  let seq = 0;
  let ctx: TrafficContext | undefined;
  const watchers = new Set<() => void>();
  const clip = (s: string) => (s.length > maxText ? `${s.slice(0, maxText)}... (${s.length - maxText} more)` : s);

  const onChange = (c: Change) => {
    if (changes.length >= maxRecords * 4) return;
    const r: ChangeRecord = summarize(c, String(c.ticket[ctx?.model.idField ?? "id"]));
    changes.push(r);
    byChange.set(c, r);
  };

  const record = (request: FastifyRequest, reply: FastifyReply, c: TrafficContext) => {
    const [path = "", query = ""] = splitUrl(request.url);
    if (path === OPENAPI_PATH || path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`)) return;
    const n = ++seq;
    if (records.length >= maxRecords) return void dropped++;
    const { model, service } = c;
    const lc = model.lifecycle;
    const route = request.routeOptions.url;
    const id = (request.params as Record<string, unknown> | undefined)?.id;
    const body = request.body;
    const full = body === undefined ? undefined : safeJson(body);
    const err = request.apiError?.body();
    const change = request.change;
    const stored = typeof id === "string" && service.ownerOf(id) !== undefined ? service.get(undefined, id) : undefined;
    const ticketType =
      route !== undefined && request.method === "POST" && isPlainObject(body) && route.endsWith(`/${model.resource}`)
        ? ticketTypeOf(model, body)
        : stored
          ? ticketTypeOf(model, stored)
          : undefined;
    if (change) {
      const cr = byChange.get(change);
      if (cr) cr.bySeq = n;
    }
    const requested = isPlainObject(body) ? body[lc.field] : undefined;
    const from = change?.before?.[lc.field];
    records.push({
      seq: n,
      at: new Date(Date.now() - reply.elapsedTime).toISOString(),
      ms: Math.round(reply.elapsedTime),
      ...(request.operator !== "" ? { operator: request.operator } : {}),
      auth: schemeOf(request.headers.authorization),
      method: request.method,
      path,
      query,
      ...(route !== undefined ? { route } : {}),
      ...(typeof id === "string" ? { id } : {}),
      status: reply.statusCode,
      ...(typeof request.headers["content-type"] === "string" ? { contentType: request.headers["content-type"] } : {}),
      ...(full !== undefined ? { body: clip(shownBody(body, request.headers["content-type"])) } : {}),
      fingerprint: createHash("sha1")
        .update(`${request.method} ${request.url}\n${full ?? ""}`)
        .digest("base64url"),
      ...(err ? { error: { code: err.code, reason: err.reason, message: clip(err.message) } } : {}),
      ...(request.apiError?.violations ? { violations: request.apiError.violations.slice(0, 20) } : {}),
      ...(ticketType !== undefined ? { ticketType } : {}),
      ...(typeof requested === "string" ? { statusRequested: requested } : {}),
      ...(change && reply.statusCode < 300
        ? {
            change: {
              ticketId: String(change.ticket[model.idField]),
              kind: change.kind,
              ...(from !== undefined ? { from: String(from) } : {}),
              statusChanges: change.statusChanges,
              changedFields: change.changedFields,
            },
          }
        : {}),
    });
  };

  return {
    install(app, context) {
      ctx = context;
      context.service.onChange(onChange);
      app.addHook("onResponse", (request, reply, done) => {
        try {
          record(request, reply, context);
          for (const fn of [...watchers]) fn();
        } catch (e) {
          request.log.error({ err: e }, "the traffic recorder failed (a simulator bug)");
        }
        done();
      });
    },
    events(base) {
      return {
        ...base,
        onAttempt(a) {
          if (attempts.length < maxRecords * 4) attempts.push(a);
          base?.onAttempt?.(a);
        },
        onShutdown(report) {
          undelivered = report.undelivered;
          base?.onShutdown?.(report);
        },
      };
    },
    watch(fn) {
      const own = () => fn();
      watchers.add(own);
      return () => void watchers.delete(own);
    },
    snapshot() {
      const c = ctx;
      return {
        startedAt,
        basePath: c?.basePath ?? "",
        authMode: c?.authMode ?? "either",
        tokenTtlSeconds: c?.tokenTtlSeconds ?? 0,
        operators: c?.operators ?? [],
        records: [...records],
        dropped,
        changes: changes.map((x) => ({ ...x })),
        attempts: [...attempts],
        undelivered: [...undelivered],
      };
    },
  };
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf("?");
  return q < 0 ? [url, ""] : [url.slice(0, q), url.slice(q + 1)];
}

function schemeOf(h: string | undefined): TrafficRecord["auth"] {
  if (!h) return "none";
  const scheme = h.split(" ", 1)[0]?.toLowerCase();
  return scheme === "bearer" || scheme === "basic" ? scheme : "other";
}

function safeJson(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}

/** The body as it was sent (a form stays a form), secrets masked. */
function shownBody(body: unknown, contentType: string | undefined): string {
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? "") && isPlainObject(body)) {
    const masked = Object.entries(body).map(([k, v]): [string, string] => [
      k,
      SECRET_KEYS.has(k) ? "<redacted>" : String(v),
    ]);
    return new URLSearchParams(masked).toString();
  }
  return redactJson(body);
}

/** The body as JSON with secrets masked: token fields, and the password in a hub callback's userinfo (docs/rules.md §3). */
function redactJson(v: unknown): string {
  return (
    JSON.stringify(v, (k, x: unknown) => {
      if (SECRET_KEYS.has(k)) return "<redacted>";
      if (k === "callback" && typeof x === "string")
        return x.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, "$1:***@");
      return x;
    }) ?? ""
  );
}
