// One robustness case's connection to the target. A hostile request goes out on it
// (or, when the server may answer before the whole body is sent, on one of its own:
// suites/http/early.ts), then a normal request follows on the same connection: it must
// get a normal answer (the connection is still usable), and what it reads must show that
// nothing was created or changed: the count of the case's tickets, by a filter on the
// case's own marker (X-Total-Count), or the ticket the case aimed at.
import { Client } from "undici";
import type { Exchange } from "../http/client.ts";
import { EARLY_ANSWER_BYTES, sendEarly } from "../http/early.ts";
import { refusesConnections } from "../http/reach.ts";
import { canonical } from "../model/subset.ts";
import type { Case } from "../report/case.ts";
import { HarnessError } from "../support/errors.ts";

export interface Hostile {
  readonly method: "GET" | "POST" | "PATCH";
  /** Below the API base, exactly as it goes on the wire (already percent-encoded), e.g. "/troubleTicket?name=x". */
  readonly path: string;
  /** Content-Type among them, or none at all. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Sent chunked, without a Content-Length. */
  readonly chunked?: boolean;
}

/** What the follow-up request reads: the count of the tickets carrying a marker, or one ticket as it is. */
export type Guard =
  | { readonly kind: "count"; readonly param: string; readonly marker: string }
  | { readonly kind: "ticket"; readonly id: string }
  | { readonly kind: "none" };

export class Probe {
  private readonly client: Client;
  private readonly base: string;
  private baseline: string | number | undefined;
  /** Tickets the case rightly created since the baseline (accepted odd-but-valid bodies). */
  created = 0;

  constructor(
    private readonly c: Case,
    private readonly guard: Guard,
  ) {
    const url = new URL(c.ctx.target.base);
    this.client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 10_000 });
    this.base = url.pathname.replace(/\/+$/, "");
  }

  /** Opens a probe and reads its baseline (a failure there is the harness's or the target's in general, not this case's). */
  static async open(c: Case, guard: Guard): Promise<Probe> {
    const p = new Probe(c, guard);
    const look = { method: "GET", path: p.lookPath() } as const;
    // Worded as every unanswered request is, so a target lost mid-run stops the run (suites/cli/target-watch.ts).
    const ex = await p.raw(look).catch((e: unknown) => {
      const url = `${c.ctx.target.base}${look.path}`;
      throw new HarnessError(`cannot reach GET ${url}: ${(e as Error).message} (the baseline of a robustness case)`, {
        cause: e,
      });
    });
    if (ex.response.status !== 200)
      throw new HarnessError(
        `the baseline read of a robustness case got HTTP ${ex.response.status}: ${ex.request.url}`,
      );
    p.baseline = p.read(ex);
    return p;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Sends the hostile request; the target dropping it without an answer breaks the case's rule. */
  async send(h: Hostile, what: string): Promise<Exchange> {
    try {
      const ex = await this.raw(h);
      this.c.record(ex);
      return ex;
    } catch (e) {
      await this.unlessGone(e, h);
      this.c.fail(`${what}: the target gave no answer (${(e as Error).message}); a client must always get one`);
    }
  }

  /** A harness fault (the target is gone, or the harness failed), rethrown; a dropped request returns. */
  private async unlessGone(e: unknown, h: Hostile): Promise<void> {
    if (e instanceof HarnessError) throw e;
    const url = `${this.c.ctx.target.base}${h.path}`;
    const gone = await refusesConnections(url);
    if (gone !== undefined)
      throw new HarnessError(
        `cannot reach ${h.method} ${url}: ${(e as Error).message}, and a new connection: ${gone}`,
        {
          cause: e,
        },
      );
  }

  /**
   * The follow-up: a normal request on the same connection gets a normal answer, and
   * shows nothing created (beyond `created`) or changed since the baseline.
   */
  async expectIntact(after: string): Promise<void> {
    let ex: Exchange;
    try {
      ex = await this.raw({ method: "GET", path: this.lookPath() });
    } catch (e) {
      await this.unlessGone(e, { method: "GET", path: this.lookPath() });
      this.c.fail(`after ${after}, the next request on the same connection got no answer: ${(e as Error).message}`);
    }
    if (ex.response.status !== 200)
      this.c.fail(`after ${after}, a normal request on the same connection must be answered 200`, ex);
    const now = this.read(ex);
    if (this.guard.kind === "count") {
      const want = Number(this.baseline) + this.created;
      if (now !== want)
        this.c.fail(
          `after ${after}, ${want} ticket(s) must carry the case's marker (X-Total-Count of ${this.guard.param}=${this.guard.marker}), found ${String(now)}: a refused request creates nothing`,
          ex,
        );
    } else if (this.guard.kind === "ticket" && now !== this.baseline)
      this.c.fail(`after ${after}, the ticket ${this.guard.id} must be unchanged`, ex);
  }

  private lookPath(): string {
    const { model } = this.c.ctx;
    const g = this.guard;
    if (g.kind === "ticket") return `${this.resource()}/${encodeURIComponent(g.id)}`;
    if (g.kind === "count") return `${this.resource()}?${encodeURIComponent(g.param)}=${encodeURIComponent(g.marker)}`;
    return `${this.resource()}?${model.reserved.limit}=1`;
  }

  private resource(): string {
    return `/${this.c.ctx.model.resource}`;
  }

  private read(ex: Exchange): string | number | undefined {
    if (this.guard.kind === "ticket") return canonical(ex.response.json);
    if (this.guard.kind === "none") return undefined;
    const n = Number(ex.response.headers["x-total-count"]);
    return Number.isInteger(n) ? n : `X-Total-Count ${String(ex.response.headers["x-total-count"])}`;
  }

  private async raw(h: Hostile): Promise<Exchange> {
    const authorization = await this.c.authorization("default");
    const headers: Record<string, string> = { accept: "application/json", ...h.headers };
    if (authorization !== undefined) headers.authorization = authorization;
    const path = `${this.base}${h.path}`;
    const url = `${new URL(this.c.ctx.target.base).origin}${path}`;
    const size = h.body === undefined ? 0 : Buffer.byteLength(h.body);
    const started = performance.now();
    let response: Exchange["response"];
    if (h.chunked || size >= EARLY_ANSWER_BYTES) {
      const a = await sendEarly({ method: h.method, url, headers, body: h.body ?? "", chunked: h.chunked ?? false });
      response = { status: a.status, headers: a.headers, text: a.text, json: json(a.text) };
    } else {
      const r = await this.client.request({ method: h.method, path, headers, body: h.body ?? null });
      const text = await r.body.text();
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers))
        if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
      response = { status: r.statusCode, headers: flat, text, json: json(text) };
    }
    return {
      request: { method: h.method, url, headers, ...(h.body !== undefined ? { body: shownBody(h.body) } : {}) },
      response,
      ms: Math.round(performance.now() - started),
    };
  }
}

function json(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A body as the report shows it: text, or the bytes that are not UTF-8. */
function shownBody(b: string | Buffer): string {
  if (typeof b === "string") return b;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return `(${b.length} bytes, not UTF-8) ${b.toString("latin1")}`;
  }
}
