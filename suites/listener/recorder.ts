// The suites' embedded listener: a small recording HTTP server on a real socket.
// One per run (global setup), so a fixed --listener-port works; each test uses its
// own channel, i.e. callback {public}/c/{channel}, and the target POSTs events to
// {callback}/listener/{eventName} (docs/rules.md §2). Workers read what arrived through
// /__recorder/{secret}/..., a local interface the target is never told about.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HarnessError } from "../support/errors.ts";

export interface Delivery {
  readonly seq: number;
  readonly channel: string;
  /** The last path segment, e.g. troubleTicketStatusChangeEvent. */
  readonly eventName: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** What the listener answered (a failure injected by a test, or 200). */
  readonly answered: number;
  readonly at: number;
}

export interface RecorderHandle {
  readonly control: string;
  readonly public: string;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;

export async function startRecorder(opts: { host: string; port: number; publicUrl?: string }): Promise<RecorderHandle> {
  const secret = randomBytes(9).toString("base64url");
  const channels = new Map<string, Delivery[]>();
  const failures = new Map<string, { count: number; status: number }>();
  // A channel that refuses one event for good: the first it receives, and every repeat of its eventId.
  const refusals = new Map<string, { status: number; eventId?: string }>();
  let seq = 0;

  const reply = (res: ServerResponse, status: number, body?: unknown) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return reply(res, 413);
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);

    // Event deliveries: /c/{channel}/.../{eventName}
    if (parts[0] === "c" && parts.length >= 3 && req.method === "POST") {
      const channel = parts[1]!;
      const refusal = refusals.get(channel);
      const eventId = refusal ? eventIdOf(text) : "";
      if (refusal) refusal.eventId ??= eventId;
      const refused = refusal !== undefined && refusal.eventId === eventId;
      const fail = refused ? undefined : failures.get(channel);
      const answered = refused ? refusal.status : fail && fail.count > 0 ? fail.status : 200;
      if (fail && fail.count > 0) fail.count -= 1;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const list = channels.get(channel) ?? [];
      list.push({
        seq: seq++,
        channel,
        eventName: parts[parts.length - 1]!,
        path: `/${parts.slice(2).join("/")}`,
        headers,
        text,
        answered,
        at: Date.now(),
      });
      channels.set(channel, list);
      return reply(res, answered);
    }
    // The harness's own interface.
    if (parts[0] === "__recorder" && parts[1] === secret && parts[2] === "c" && parts[3] !== undefined) {
      const channel = parts[3];
      if (req.method === "GET") return reply(res, 200, channels.get(channel) ?? []);
      if (req.method === "POST" && parts[4] === "fail") {
        const { count, status } = JSON.parse(text || "{}") as { count?: number; status?: number };
        failures.set(channel, { count: count ?? 1, status: status ?? 500 });
        return reply(res, 204);
      }
      if (req.method === "POST" && parts[4] === "refuse") {
        const { status } = JSON.parse(text || "{}") as { status?: number };
        refusals.set(channel, { status: status ?? 400 });
        return reply(res, 204);
      }
      if (req.method === "DELETE") {
        channels.delete(channel);
        failures.delete(channel);
        refusals.delete(channel);
        return reply(res, 204);
      }
    }
    return reply(res, 404);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) =>
      reject(
        new HarnessError(`the embedded listener cannot listen on ${opts.host}:${opts.port}: ${e.message}`, {
          cause: e,
        }),
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const local = `http://${host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" ? "[::1]" : host}:${port}`;
  return {
    control: `${local}/__recorder/${secret}`,
    public: (opts.publicUrl ?? local).replace(/\/+$/, ""),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The eventId of a delivery's body, or "" when it has none. */
function eventIdOf(text: string): string {
  try {
    const id = (JSON.parse(text) as { eventId?: unknown } | null)?.eventId;
    return typeof id === "string" ? id : "";
  } catch {
    return "";
  }
}
