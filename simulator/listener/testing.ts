// Test helpers for socket tests: servers on port 0 whose teardown is registered
// the moment they start, and polling with a deadline instead of fixed sleeps.
import type { FastifyInstance } from "fastify";
import { onTestFinished } from "vitest";
import type { Model } from "../model/model.ts";
import type { ListenerOptions, ReceivedEvent } from "./app.ts";
import { buildListener } from "./app.ts";

export interface Started {
  app: FastifyInstance;
  url: string;
  port: number;
}

/** Listens on `port` (default 0) and registers the close for the end of the current test. */
export async function start(app: FastifyInstance, port = 0): Promise<Started> {
  await app.listen({ host: "127.0.0.1", port });
  onTestFinished(() => app.close());
  const addr = app.server.address();
  if (typeof addr !== "object" || addr === null) throw new Error("server has no TCP address");
  return { app, port: addr.port, url: `http://127.0.0.1:${addr.port}` };
}

export function startListener(model: Model, opts: Omit<ListenerOptions, "model"> = {}, port = 0): Promise<Started> {
  return start(buildListener({ model, ...opts }), port);
}

/** Polls `probe` until it returns something other than undefined, or fails after the deadline. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The listener's records (GET /__control/events), with an optional query string. */
export async function received(listenerUrl: string, query = ""): Promise<ReceivedEvent[]> {
  const res = await fetch(`${listenerUrl}/__control/events${query ? `?${query}` : ""}`);
  if (res.status !== 200) throw new Error(`GET /__control/events answered ${res.status}`);
  return (await res.json()) as ReceivedEvent[];
}

/** Waits until the listener has recorded at least `n` events matching `pred`. */
export function receivedAtLeast(
  listenerUrl: string,
  n: number,
  pred: (r: ReceivedEvent) => boolean = () => true,
  timeoutMs?: number,
) {
  return waitFor(
    `${n} event(s) at the listener`,
    async () => {
      const rs = (await received(listenerUrl)).filter(pred);
      return rs.length >= n ? rs : undefined;
    },
    timeoutMs,
  );
}
