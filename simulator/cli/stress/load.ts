// Sends a schedule of requests over a number of keep-alive connections (one undici Client
// each, one request at a time), each connection taking the next request as soon as its last
// is answered; bytes an HTTP client will not send go over a socket of their own. Every answer
// is tallied: its status, whether its request expected it, and whether a 4xx carries the TMF
// Error body (docs/rules.md §2).
import { connect } from "node:net";
import { Client } from "undici";
import type { Job, Maker, MixContext } from "./job.ts";

export interface Tally {
  valid: number;
  hostile: number;
  raw: number;
  byStatus: Map<number, number>;
  /** 5xx answers, with up to 10 examples. */
  serverErrors: number;
  serverErrorExamples: string[];
  /** Requests that got no answer (connection reset, timeout), by kind. */
  noAnswer: Map<string, { count: number; example: string }>;
  /** Answers their request did not expect, by kind. */
  unexpected: Map<string, { count: number; example: string }>;
  /** 4xx answers without the TMF Error body, by kind. */
  notTmf: Map<string, { count: number; example: string }>;
  /** The most note PATCHes in flight at once on one hot ticket. */
  maxConcurrentOnOneTicket: number;
}

export function newTally(): Tally {
  return {
    valid: 0,
    hostile: 0,
    raw: 0,
    byStatus: new Map(),
    serverErrors: 0,
    serverErrorExamples: [],
    noAnswer: new Map(),
    unexpected: new Map(),
    notTmf: new Map(),
    maxConcurrentOnOneTicket: 0,
  };
}

const bump = (m: Map<string, { count: number; example: string }>, kind: string, example: string) => {
  const e = m.get(kind);
  if (e) e.count++;
  else m.set(kind, { count: 1, example: example.slice(0, 300) });
};

/** Sends every request of `makers`, built in turn from `ctx`; resolves when all are answered. */
export async function runLoad(
  origin: string,
  makers: readonly Maker[],
  ctx: MixContext,
  connections: number,
  tally: Tally,
) {
  let next = 0;
  const inFlight = new Map<string, number>();
  const clients = Array.from(
    { length: connections },
    () => new Client(origin, { keepAliveTimeout: 30_000, headersTimeout: 60_000, bodyTimeout: 60_000 }),
  );
  const worker = async (client: Client) => {
    for (let i = next++; i < makers.length; i = next++) {
      const job = (makers[i] as Maker)(ctx);
      const hot = job.hotTicket;
      if (hot !== undefined) {
        const n = (inFlight.get(hot) ?? 0) + 1;
        inFlight.set(hot, n);
        tally.maxConcurrentOnOneTicket = Math.max(tally.maxConcurrentOnOneTicket, n);
      }
      if (job.hostile) tally.hostile++;
      else tally.valid++;
      if (job.raw !== undefined) tally.raw++;
      try {
        const { status, body } = job.raw !== undefined ? await sendRaw(origin, job.raw) : await send(client, job);
        judge(tally, job, status, body);
        job.then?.(status, body);
      } catch (e) {
        bump(tally.noAnswer, job.kind, `${job.method ?? "raw"} ${job.path ?? ""}: ${(e as Error).message}`);
      } finally {
        if (hot !== undefined) inFlight.set(hot, (inFlight.get(hot) ?? 1) - 1);
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(clients.map(worker));
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  }
  return { ms: performance.now() - started };
}

function judge(tally: Tally, job: Job, status: number, body: string): void {
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
  const what = `${job.method ?? "raw"} ${job.path?.slice(0, 120) ?? ""} -> ${status} ${body.slice(0, 200)}`;
  if (status >= 500) {
    tally.serverErrors++;
    if (tally.serverErrorExamples.length < 10) tally.serverErrorExamples.push(`${job.kind}: ${what}`);
  }
  if (!job.expect.includes(status)) bump(tally.unexpected, job.kind, what);
  if (status >= 400 && status < 500 && !isTmfError(status, body)) bump(tally.notTmf, job.kind, what);
}

export function isTmfError(status: number, body: string): boolean {
  try {
    const b = JSON.parse(body) as Record<string, unknown>;
    return (
      b["@type"] === "Error" &&
      b.status === String(status) &&
      [b.code, b.reason, b.message].every((x) => typeof x === "string" && x !== "")
    );
  } catch {
    return false;
  }
}

async function send(client: Client, job: Job): Promise<{ status: number; body: string }> {
  const res = await client.request({
    method: job.method ?? "GET",
    path: job.path ?? "/",
    ...(job.headers ? { headers: job.headers } : {}),
    ...(job.body !== undefined ? { body: job.body } : {}),
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/** Writes the bytes on a new socket and reads the answer until the server closes it (5 s at most). */
function sendRaw(origin: string, bytes: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname);
    let got = "";
    const timer = setTimeout(() => socket.destroy(new Error("no answer within 5 s")), 5_000);
    socket.on("data", (d: Buffer) => (got += d.toString("utf8")));
    socket.on("error", (e) => {
      clearTimeout(timer);
      if (got === "") fail(e);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(got)?.[1];
      if (status === undefined) return fail(new Error(`not an HTTP answer: ${JSON.stringify(got.slice(0, 80))}`));
      ok({ status: Number(status), body: got.slice(got.indexOf("\r\n\r\n") + 4) });
    });
    socket.end(bytes);
  });
}
