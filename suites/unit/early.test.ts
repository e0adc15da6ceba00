// The early answer (suites/http/early.ts) over real sockets: a server that answers 413
// after reading only the headers and closes with the body unread, so the client's
// writes meet a reset, as fastify does for a Content-Length over its limit.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { send } from "../http/client.ts";
import { EARLY_ANSWER_BYTES, sendEarly } from "../http/early.ts";

const ERROR = JSON.stringify({ code: "PAYLOAD_TOO_LARGE", status: "413" });
let server: Server;
let url = "";

/** Answers once the headers are in: 413 if the body would be large, else 201 after reading the whole body. */
function serve(socket: Socket): void {
  let head = "";
  let seen = 0;
  socket.on("data", (chunk: Buffer) => {
    if (!head.includes("\r\n\r\n")) head += chunk.toString("latin1");
    seen += chunk.length;
    if (!head.includes("\r\n\r\n") || socket.writableEnded) return;
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? Number.NaN);
    const big = !(length < EARLY_ANSWER_BYTES) || /chunked/i.test(head);
    if (big) {
      socket.pause(); // the rest of the body stays unread: closing now resets the connection
      socket.write(`HTTP/1.1 413 Payload Too Large\r\nContent-Length: ${ERROR.length}\r\nConnection: close\r\n\r\n`);
      socket.end(ERROR, () => socket.destroy());
    } else if (seen >= head.indexOf("\r\n\r\n") + 4 + length) {
      socket.end(`HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    }
  });
  socket.on("error", () => undefined);
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/t`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const big = Buffer.alloc(2 * 1024 * 1024, "x");

it("reads a 413 sent before the body, whatever the writes meet, every time", async () => {
  for (let i = 0; i < 40; i++) {
    const a = await sendEarly({ method: "PATCH", url, headers: {}, body: big });
    expect(a.status).toBe(413);
    expect(a.text).toBe(ERROR);
  }
});

it("sends a chunked body and reads the early answer too", async () => {
  const a = await sendEarly({ method: "POST", url, headers: {}, body: big, chunked: true });
  expect(a).toMatchObject({ status: 413, text: ERROR });
});

it("reads an ordinary answer after the whole body", async () => {
  expect(await sendEarly({ method: "POST", url, headers: {}, body: "{}" })).toMatchObject({ status: 201, text: "{}" });
});

it("sends large bodies through the early answer, so the suites' client never reports a 413 as a harness fault", async () => {
  const ex = await send({ method: "PATCH", url, raw: big.toString(), headers: { "content-type": "application/json" } });
  expect(ex.response.status).toBe(413);
  expect(ex.response.json).toEqual(JSON.parse(ERROR));
});
