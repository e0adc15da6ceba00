// The suites' HTTP client: undici over real sockets, one keep-alive agent per worker.
// Every call yields an Exchange (request + response) so a failure can show both.
import { Agent, request } from "undici";
import { basicHeader, type Credentials } from "../../simulator/model/credentials.ts";
import { HarnessError } from "../support/errors.ts";
import { EARLY_ANSWER_BYTES, sendEarly } from "./early.ts";

export interface Req {
  readonly method: string;
  readonly url: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (serialised here), or raw text with its own content type in headers. */
  readonly json?: unknown;
  readonly raw?: string;
  /** Give up waiting for the answer after this many milliseconds (the error's cause is then a TimeoutError). */
  readonly timeoutMs?: number;
}

export interface Res {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  readonly json: unknown;
}

export interface Exchange {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  };
  readonly response: Res;
  readonly ms: number;
}

/** How one request authenticates: the operator's own way, another scheme, a literal header, or not at all. */
export type AuthChoice = "default" | "bearer" | "basic" | "none" | { readonly header: string };

let agent: Agent | undefined;
const dispatcher = () =>
  (agent ??= new Agent({ connections: 64, keepAliveTimeout: 10_000, headersTimeout: 20_000, bodyTimeout: 20_000 }));

/** Closes the worker's keep-alive sockets (after each file), so the worker can exit at once. */
export async function closeAgent(): Promise<void> {
  const a = agent;
  agent = undefined;
  await a?.close();
}

export function withQuery(url: string, query: ReadonlyArray<readonly [string, string]> | undefined): string {
  if (!query || query.length === 0) return url;
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return `${url}${url.includes("?") ? "&" : "?"}${qs}`;
}

/** Sends one request; network faults are harness faults (the target could not be reached at all). */
export async function send(req: Req, authorization?: string): Promise<Exchange> {
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  if (authorization !== undefined) headers.authorization = authorization;
  let body: string | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers["content-type"] ??= "application/json";
  } else if (req.raw !== undefined) body = req.raw;
  const url = withQuery(req.url, req.query);
  const started = performance.now();
  let status: number;
  let flat: Record<string, string> = {};
  let text: string;
  try {
    // A large body may be answered before it is all sent (a 413): read that answer (early.ts).
    if (body !== undefined && Buffer.byteLength(body) >= EARLY_ANSWER_BYTES) {
      const timeout = req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {};
      ({ status, headers: flat, text } = await sendEarly({ method: req.method, url, headers, body, ...timeout }));
    } else {
      const res = await request(url, {
        method: req.method as "GET",
        headers,
        body: body ?? null,
        dispatcher: dispatcher(),
        ...(req.timeoutMs !== undefined ? { signal: AbortSignal.timeout(req.timeoutMs) } : {}),
      });
      text = await res.body.text();
      status = res.statusCode;
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    }
  } catch (e) {
    throw new HarnessError(`cannot reach ${req.method} ${url}: ${(e as Error).message}`, { cause: e });
  }
  let json: unknown;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return {
    request: { method: req.method, url, headers, ...(body !== undefined ? { body } : {}) },
    response: { status, headers: flat, text, json },
    ms: Math.round(performance.now() - started),
  };
}

interface Token {
  readonly value: string;
  readonly expiresAt: number;
}
const tokens = new Map<string, Promise<Token>>();

/** An access token for an operator (docs/rules.md §3: client credentials, HTTP Basic), cached per worker. */
export async function accessToken(tokenUrl: string, c: Credentials): Promise<string> {
  const key = `${tokenUrl}\n${c.user}\n${c.password}`;
  const cached = tokens.get(key);
  if (cached) {
    const t = await cached.catch(() => undefined);
    if (t && t.expiresAt > Date.now() + 5000) return t.value;
  }
  const fresh = fetchToken(tokenUrl, c);
  tokens.set(key, fresh);
  fresh.catch(() => tokens.delete(key));
  return (await fresh).value;
}

export async function fetchToken(tokenUrl: string, c: Credentials): Promise<Token> {
  const ex = await send(
    {
      method: "POST",
      url: tokenUrl,
      raw: "grant_type=client_credentials",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    },
    basicHeader(c),
  );
  const body = ex.response.json as { access_token?: unknown; expires_in?: unknown } | undefined;
  if (ex.response.status !== 200 || typeof body?.access_token !== "string") {
    throw new HarnessError(
      `no access token for "${c.user}" from POST ${tokenUrl}: HTTP ${ex.response.status}. Check --credentials, --token-url and --auth (use --auth basic for a target without a token endpoint).`,
    );
  }
  const ttl = typeof body.expires_in === "number" ? body.expires_in : 300;
  return { value: body.access_token, expiresAt: Date.now() + ttl * 1000 };
}
