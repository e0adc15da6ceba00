// The console's live updates over a real socket: Server-Sent Events naming what changed,
// a bounded number of streams, and a simulator that still closes with streams open.
import { expect, it } from "vitest";
import { start } from "../listener/testing.ts";
import { MAX_STREAMS } from "./console-stream.ts";
import { ALICE, basic, build, createTicket } from "./testing.ts";

const STREAM = "/__console/api/stream";
const headers = { authorization: basic(ALICE) };

/** Reads a stream's text until `want` is in it (or the deadline passes). */
async function readUntil(body: ReadableStream<Uint8Array>, want: string, timeoutMs = 10_000): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!text.includes(want)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(deadline);
    reader.releaseLock();
  }
  return text;
}

it("streams a message naming each ticket changed and each reset, as Server-Sent Events", async () => {
  const { app, url } = await start(build());
  const res = await fetch(`${url}${STREAM}`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const id = String((await createTicket(app, ALICE)).id);
  const text = await readUntil(res.body!, id);
  expect(text).toContain(`event: change\ndata: {"ticketId":"${id}","operator":"${ALICE.user}","by":"operator"}\n\n`);
  await fetch(`${url}/__control/reset`, { method: "POST", headers });
  expect(await readUntil(res.body!, "event: reset")).toContain("event: reset\ndata: {}\n\n");
});

it("asks for credentials before it streams anything", async () => {
  const { url } = await start(build());
  const res = await fetch(`${url}${STREAM}`);
  expect(res.status).toBe(401);
  expect(((await res.json()) as { code: string }).code).toBe("UNAUTHORIZED");
});

it(`keeps at most ${MAX_STREAMS} streams open, refuses the next with 409, and closes with them open`, async () => {
  const { app, url } = await start(build());
  const open = await Promise.all(Array.from({ length: MAX_STREAMS }, () => fetch(`${url}${STREAM}`, { headers })));
  expect(open.map((r) => r.status)).toEqual(open.map(() => 200));
  const refused = await fetch(`${url}${STREAM}`, { headers });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { code: string }).code).toBe("STREAM_LIMIT_REACHED");
  await app.close(); // would hang if an open stream held the server
  for (const r of open) expect(await readUntil(r.body!, "never sent")).toContain("retry: 2000");
});
