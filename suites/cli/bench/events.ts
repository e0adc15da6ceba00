// Section 3 of npm run bench: event delivery. A listener in this process (plain node:http,
// so its own work stays out of the figure) records when each event arrives; the latency
// is from the moment the PATCH that caused it was sent to the event's receipt, both read
// on this process's clock. Then many events through a listener that refuses a tenth of
// them (500, so the simulator retries): none may be lost, and each ticket's events must
// arrive in the order of its changes.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { seeded } from "../../../simulator/cli/stress/job.ts";
import { attributeExample, createExample } from "../../../simulator/model/examples.ts";
import type { Model } from "../../../simulator/model/model.ts";
import { quantile, round } from "./load.ts";
import { bearer, call, operator, startSimulator } from "./simulator.ts";

export interface LatencyRow {
  subscriptions: number;
  changes: number;
  p50: number;
  p99: number;
}

export interface ReliabilityResult {
  events: number;
  tickets: number;
  failedShare: number;
  refused: number;
  lost: number;
  outOfOrder: number;
  seconds: number;
}

export interface EventsResult {
  latency: LatencyRow[];
  reliability: ReliabilityResult;
}

export interface EventsOptions {
  changes: number;
  events: number;
  log: (line: string) => void;
}

interface Arrival {
  at: number;
  name: string;
  ticketId: string;
  eventId: string;
}

export async function events(model: Model, o: EventsOptions): Promise<EventsResult> {
  // The ten thousand events of one subscription all fit in its queue (--max-pending-deliveries).
  const sim = await startSimulator(1, ["--max-pending-deliveries", String(o.events + 1000)]);
  let refuse = () => false;
  const arrivals: Arrival[] = [];
  const { until, wake } = arrivalWaiter();
  const listener = await listen((body) => {
    const ticket = (body.event as { troubleTicket?: Record<string, unknown> } | undefined)?.troubleTicket ?? {};
    const arrival = {
      at: performance.now(),
      name: String(ticket.name),
      ticketId: String(ticket[model.idField]),
      eventId: String(body.eventId),
    };
    if (refuse()) return 500;
    arrivals.push(arrival);
    wake();
    return 200;
  });
  try {
    const auth = await bearer(sim.origin, operator(0));
    const base = sim.base;
    const collection = `${base}/${model.resource}`;
    const body = createExample(model, model.defaultTicketType);
    const [field] = Object.keys(attributeExample(model, model.defaultTicketType, body) ?? { name: "" });
    const change = (n: number) => ({ [field as string]: `change ${n}` });
    const tickets = await Promise.all(Array.from({ length: 20 }, () => call(collection, "POST", auth, body)));
    const ids = tickets.map((t) => String(t[model.idField]));
    // Only attribute changes are subscribed to: one event per PATCH.
    const query = `eventType=${attributeEvent(model)}`;
    const latency: LatencyRow[] = [];
    const hubs: string[] = [];
    for (const subscriptions of [1, 50]) {
      while (hubs.length < subscriptions)
        hubs.push(String((await call(`${base}/${model.hubPath}`, "POST", auth, { callback: listener.url, query })).id));
      const samples: number[] = [];
      for (let n = 0; n < o.changes; n++) {
        arrivals.length = 0;
        const sent = performance.now();
        await call(`${collection}/${ids[n % ids.length]}`, "PATCH", auth, change(n));
        await until(() => arrivals.length >= subscriptions, 5_000);
        for (const a of arrivals) samples.push(a.at - sent);
      }
      latency.push({
        subscriptions,
        changes: o.changes,
        p50: round(quantile(samples, 0.5), 2),
        p99: round(quantile(samples, 0.99), 2),
      });
      o.log(`  ${subscriptions} subscription(s): p50 ${latency.at(-1)?.p50} ms, p99 ${latency.at(-1)?.p99} ms`);
    }
    for (const id of hubs.slice(1)) await call(`${base}/${model.hubPath}/${id}`, "DELETE", auth, undefined, 204);

    // Reliability: o.events changes over 100 tickets, a seeded tenth of the deliveries refused.
    const random = seeded(1);
    let refused = 0;
    refuse = () => random() < 0.1 && ++refused > 0;
    arrivals.length = 0;
    const many = await Promise.all(Array.from({ length: 100 }, () => call(collection, "POST", auth, body)));
    const manyIds = many.map((t) => String(t[model.idField]));
    const started = performance.now();
    const sentNames = new Map<string, string[]>(manyIds.map((id) => [id, []]));
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let n = next++; n < o.events; n = next++) {
          const id = manyIds[n % manyIds.length] as string;
          (sentNames.get(id) as string[]).push(`change ${n}`);
          await call(`${collection}/${id}`, "PATCH", auth, change(n));
        }
      }),
    );
    await until(() => arrivals.length >= o.events, 120_000).catch(() => undefined);
    const seconds = round((performance.now() - started) / 1000, 1);
    const got = new Map<string, string[]>();
    for (const a of arrivals) got.set(a.ticketId, [...(got.get(a.ticketId) ?? []), a.name]);
    let lost = 0;
    let outOfOrder = 0;
    for (const [id, names] of sentNames) {
      const received = got.get(id) ?? [];
      const unique = new Set(received);
      lost += names.filter((x) => !unique.has(x)).length;
      // Order per ticket: the changes as the PATCHes of that ticket were answered, one at a time per connection.
      const position = new Map(names.map((x, i) => [x, i]));
      for (let i = 1; i < received.length; i++)
        if ((position.get(received[i] as string) ?? 0) < (position.get(received[i - 1] as string) ?? 0)) outOfOrder++;
    }
    const reliability = {
      events: o.events,
      tickets: manyIds.length,
      failedShare: 0.1,
      refused,
      lost,
      outOfOrder,
      seconds,
    };
    o.log(
      `  ${o.events} events, ${refused} refused and retried: ${lost} lost, ${outOfOrder} out of order, in ${seconds} s`,
    );
    return { latency, reliability };
  } finally {
    await sim.stop();
    await new Promise((r) => listener.server.close(r));
  }
}

/** The profile's event for a change of attributes (docs/rules.md §6). */
function attributeEvent(model: Model): string {
  const rule = model.events.rules.find((r) => r.on === "attributeChange");
  if (!rule) throw new Error("the profile has no event for an attribute change");
  return rule.eventType;
}

async function listen(answer: (body: Record<string, unknown>) => number): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let status = 400;
      try {
        status = answer(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
      } catch {}
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * `until(done)` resolves once `done()` holds, checked at each arrival (`wake`). No polling:
 * a wait that spins on setImmediate keeps a core busy, and on two cores that core is
 * the simulator's, which then delivers later (back to back at load 7-15: p50 of one
 * subscription 5.4-5.6 ms spinning, 4.0-4.5 ms waiting; of 50, 13.3 ms and 7.4-8.6 ms).
 */
function arrivalWaiter(): { until: (done: () => boolean, timeoutMs: number) => Promise<void>; wake: () => void } {
  let check = () => {};
  return {
    wake: () => check(),
    until: (done, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          check = () => {};
          reject(new Error(`not done within ${timeoutMs} ms`));
        }, timeoutMs);
        check = () => {
          if (!done()) return;
          clearTimeout(timer);
          check = () => {};
          resolve();
        };
        check();
      }),
  };
}
