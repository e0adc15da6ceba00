// The console's live updates: Server-Sent Events (GET /__console/api/stream). Each message
// only names what changed (a ticket, a delivery attempt, a reset, the client's traffic);
// the page fetches what it shows again. Bounded (docs/rules.md §8): at most MAX_STREAMS
// open at once (409 past it), and a stream whose reader stopped reading is closed once
// MAX_BUFFERED bytes wait for it, so a stuck browser tab cannot grow the simulator.
import type { ServerResponse } from "node:http";
import { ApiError } from "../core/errors.ts";

export const MAX_STREAMS = 32;
const MAX_BUFFERED = 1 << 20;
/** A comment line now and then, so a proxy or the browser does not take a quiet stream for a dead one. */
const HEARTBEAT_MS = 15_000;

export type StreamEvent = "change" | "attempt" | "reset" | "traffic";

export interface Streams {
  /** Takes over the response as an event stream; 409 STREAM_LIMIT_REACHED when MAX_STREAMS are open. */
  open(res: ServerResponse): void;
  send(event: StreamEvent, data: unknown): void;
  readonly size: number;
  /** Ends every stream (the app is closing: an open stream would hold its close). */
  close(): void;
}

export function createStreams(max = MAX_STREAMS): Streams {
  const open = new Set<ServerResponse>();
  const write = (res: ServerResponse, text: string) => {
    if (res.writableLength > MAX_BUFFERED) {
      open.delete(res);
      res.destroy();
      return;
    }
    res.write(text);
  };
  const heartbeat = setInterval(() => {
    for (const res of [...open]) write(res, ": still here\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    open(res) {
      if (open.size >= max)
        throw new ApiError("streamLimit", `${max} console live update streams are open already; close a console tab`);
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      // The browser reconnects by itself after a dropped stream; 2 s keeps a restarted simulator in view.
      res.write("retry: 2000\n\n");
      open.add(res);
      res.on("close", () => open.delete(res));
    },
    send(event, data) {
      if (open.size === 0) return; // nobody watching: the simulator's hot path pays nothing
      const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of [...open]) write(res, text);
    },
    get size() {
      return open.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const res of [...open]) res.end();
      open.clear();
    },
  };
}
