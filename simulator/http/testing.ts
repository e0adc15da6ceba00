// Helpers for the HTTP tests: a fresh app per call, credentials, and a request
// shorthand over inject(). No state lives here; each test builds what it uses.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { basicHeader, type Credentials } from "../model/credentials.ts";
import { loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { sampleTicket } from "../model/sample.ts";
import type { SimulatorOptions } from "./app.ts";
import { buildSimulator } from "./app.ts";

export const model: Model = loadProfile();
export const BASE = model.basePath;
export const TICKETS = `${BASE}/${model.resource}`;
export const CONTROL = `/__control/${model.resource}`;
export const ALICE: Credentials = { user: "alice", password: "alice-secret" };
export const BOB: Credentials = { user: "bob", password: "bob-secret" };

export function basic(o: Credentials, password = o.password): string {
  return basicHeader({ user: o.user, password });
}

/** A new simulator with alice and bob as operators, plus any options given. */
export function build(options: Partial<SimulatorOptions> = {}): FastifyInstance {
  return buildSimulator({ model, operators: [ALICE, BOB], ...options });
}

export interface Call {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD" | "OPTIONS";
  url: string;
  auth?: string;
  body?: unknown;
  /** Raw payload, sent as is (for malformed bodies). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function call(app: FastifyInstance, c: Call): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.auth !== undefined) headers.authorization = c.auth;
  let payload: string | undefined;
  if (c.raw !== undefined) payload = c.raw;
  else if (c.body !== undefined) payload = JSON.stringify(c.body);
  if (payload !== undefined) headers["content-type"] = c.contentType ?? "application/json";
  else if (c.contentType !== undefined) headers["content-type"] = c.contentType;
  return app.inject({ method: c.method, url: c.url, headers, ...(payload !== undefined ? { payload } : {}) });
}

export async function tokenFor(app: FastifyInstance, o: Credentials): Promise<string> {
  const r = await app.inject({
    method: "POST",
    url: "/oauth/token",
    headers: { authorization: basic(o), "content-type": "application/x-www-form-urlencoded" },
    payload: "grant_type=client_credentials",
  });
  if (r.statusCode !== 200) throw new Error(`token request failed: ${r.statusCode} ${r.body}`);
  return (r.json() as { access_token: string }).access_token;
}

/** Creates a valid ticket of a type as an operator and returns it. */
export async function createTicket(
  app: FastifyInstance,
  o: Credentials,
  ticketType = model.defaultTicketType,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const r = await call(app, {
    method: "POST",
    url: TICKETS,
    auth: basic(o),
    body: { ...sampleTicket(model, ticketType), ...extra },
  });
  if (r.statusCode !== 201) throw new Error(`create failed: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** How many tickets the store holds, over all tenants (through the control interface). */
export async function storedCount(app: FastifyInstance): Promise<number> {
  const r = await call(app, { method: "GET", url: CONTROL, auth: basic(ALICE) });
  return Number(r.headers["x-total-count"]);
}

export function expectErrorShape(r: LightMyRequestResponse, status: number): Record<string, unknown> {
  const body = r.json() as Record<string, unknown>;
  const shapeOk =
    r.statusCode === status &&
    typeof body.code === "string" &&
    typeof body.reason === "string" &&
    typeof body.message === "string" &&
    body.status === String(status) &&
    body["@type"] === "Error" &&
    Object.keys(body).length === 5 &&
    String(r.headers["content-type"]).startsWith("application/json");
  if (!shapeOk) throw new Error(`expected a TMF Error with status ${status}, got ${r.statusCode} ${r.body}`);
  return body;
}
