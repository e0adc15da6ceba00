// An operator's event listener, as a typical integration writes one: it receives
// Nexera's events at {base}/listener/{eventName}, drops repeats by eventId, and
// acknowledges with 200 (docs/rules.md §6). It is operator code, standing alone: it
// imports nothing of the harness. Switches break it the ways listeners break, so
// `npm run certify -- --role listener` can be seen to catch each one.
//
//   npx tsx examples/listener.ts [--port 0] [--credentials user:password]
//     [--fail-event TroubleTicketResolvedEvent]  answer 500 to one event type
//     [--refuse-repeats]                         answer 409 to an eventId seen before
//     [--slow-ms 6000]                           wait before every answer
//     [--reject-all]                             answer 400 to everything
//     [--accept-garbage]                         answer 200 even to a body that is not JSON
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";

export interface ListenerSwitches {
  readonly credentials?: string;
  readonly failEvent?: string;
  readonly refuseRepeats?: boolean;
  readonly slowMs?: number;
  readonly rejectAll?: boolean;
  readonly acceptGarbage?: boolean;
}

export interface RunningListener {
  readonly url: string;
  /** eventIds acknowledged, in order. */
  readonly received: readonly string[];
  close(): Promise<void>;
}

export async function startListener(
  switches: ListenerSwitches = {},
  port = 0,
  host = "127.0.0.1",
): Promise<RunningListener> {
  const seen = new Set<string>();
  const received: string[] = [];
  const expected =
    switches.credentials === undefined ? undefined : `Basic ${Buffer.from(switches.credentials).toString("base64")}`;

  const answer = (res: ServerResponse, status: number, message?: string) => {
    res.writeHead(status, message === undefined ? {} : { "content-type": "application/json" });
    res.end(message === undefined ? "" : JSON.stringify({ code: String(status), reason: message, message }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (switches.slowMs) await new Promise((r) => setTimeout(r, switches.slowMs));
    const name = /\/listener\/([^/?]+)/.exec(req.url ?? "")?.[1];
    if (req.method !== "POST" || name === undefined) return answer(res, 404, "not a listener path");
    if (expected !== undefined && req.headers.authorization !== expected) {
      res.setHeader("www-authenticate", 'Basic realm="operator listener"');
      return answer(res, 401, "credentials required");
    }
    if (switches.rejectAll) return answer(res, 400, "rejected");
    let event: { eventId?: unknown; eventType?: unknown };
    try {
      event = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof event;
    } catch {
      return switches.acceptGarbage ? answer(res, 200) : answer(res, 400, "the body is not JSON");
    }
    if (typeof event?.eventId !== "string" || typeof event.eventType !== "string")
      return answer(res, 400, "not an event");
    if (event.eventType === switches.failEvent) return answer(res, 500, "cannot handle this event type");
    if (seen.has(event.eventId)) {
      // At-least-once delivery: a repeat is acknowledged and ignored, unless the switch says otherwise.
      return switches.refuseRepeats ? answer(res, 409, "eventId seen before") : answer(res, 200);
    }
    seen.add(event.eventId);
    received.push(event.eventId);
    return answer(res, 200);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, "listener failure"));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8081" },
      host: { type: "string", default: "127.0.0.1" },
      credentials: { type: "string" },
      "fail-event": { type: "string" },
      "refuse-repeats": { type: "boolean" },
      "slow-ms": { type: "string" },
      "reject-all": { type: "boolean" },
      "accept-garbage": { type: "boolean" },
    },
  });
  const listener = await startListener(
    {
      ...(values.credentials !== undefined ? { credentials: values.credentials } : {}),
      ...(values["fail-event"] !== undefined ? { failEvent: values["fail-event"] } : {}),
      refuseRepeats: values["refuse-repeats"] === true,
      ...(values["slow-ms"] !== undefined ? { slowMs: Number(values["slow-ms"]) } : {}),
      rejectAll: values["reject-all"] === true,
      acceptGarbage: values["accept-garbage"] === true,
    },
    Number(values.port),
    values.host,
  );
  process.stdout.write(`operator listener listening at ${listener.url}\n`);
  const stop = () => void listener.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1]?.endsWith("listener.ts")) await main();
