// What Node's HTTP parser refuses before fastify routes anything, over a real
// socket (inject() never parses bytes): each answer is still a TMF Error, the
// server keeps serving, and nothing is stored.
import { connect } from "node:net";
import { expect, it } from "vitest";
import { start } from "../listener/testing.ts";
import { ALICE, basic, build, TICKETS } from "./testing.ts";

const AUTH = basic(ALICE);

/** Sends raw bytes and resolves with everything the server wrote before closing. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 5 s; got ${Buffer.concat(chunks).toString("latin1").slice(0, 200)}`));
    }, 5_000);
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("error", () => {}); // a reset after the answer is fine; the answer is what counts
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString("latin1"));
    });
    socket.end(Buffer.from(bytes, "latin1"));
  });
}

function parse(text: string): { status: number; body: Record<string, unknown> } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  const body = text.slice(text.indexOf("\r\n\r\n") + 4);
  return { status, body: JSON.parse(body) as Record<string, unknown> };
}

const CASES: ReadonlyArray<[string, string, number]> = [
  ["a garbage request line", "HELLO\r\n\r\n", 400],
  ["a lower-case method", `get ${TICKETS} HTTP/1.1\r\nhost: x\r\n\r\n`, 400],
  ["an unknown method", `FROB ${TICKETS} HTTP/1.1\r\nhost: x\r\n\r\n`, 400],
  [
    "a raw blank in the query",
    `GET ${TICKETS}?creationDate.gt=2021-01-01T00:00:00 02:00 HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\n\r\n`,
    400,
  ],
  ["raw non-ASCII bytes in the path", `GET ${TICKETS}/\u00ff\u00fe HTTP/1.1\r\nhost: x\r\n\r\n`, 400],
  ["a NUL in a header value", `GET ${TICKETS} HTTP/1.1\r\nhost: x\r\nx-a: a\u0000b\r\n\r\n`, 400],
  [
    "a URL over the header size limit",
    `GET ${TICKETS}?name=${"x".repeat(100_000)} HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\n\r\n`,
    400,
  ],
  ["a header over the size limit", `GET ${TICKETS} HTTP/1.1\r\nhost: x\r\nx-big: ${"y".repeat(60_000)}\r\n\r\n`, 400],
  [
    "a broken chunk size",
    `POST ${TICKETS} HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    400,
  ],
  [
    "both Content-Length and chunked",
    `POST ${TICKETS} HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\ncontent-type: application/json\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    400,
  ],
  ["CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n", 405],
  [
    "an Expect other than 100-continue",
    `POST ${TICKETS} HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\ncontent-type: application/json\r\nexpect: banana\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
    417,
  ],
];

it("answers what the HTTP parser refuses with a TMF Error, keeps serving and stores nothing", async () => {
  const { port } = await start(build());
  const wrong: string[] = [];
  for (const [what, bytes, status] of CASES) {
    const text = await raw(port, bytes);
    try {
      const r = parse(text);
      const shaped =
        r.body["@type"] === "Error" &&
        r.body.status === String(status) &&
        typeof r.body.code === "string" &&
        typeof r.body.message === "string";
      if (r.status !== status || !shaped) wrong.push(`${what}: ${text.slice(0, 300)}`);
    } catch {
      wrong.push(`${what}: ${text.slice(0, 300) || "(no answer)"}`);
    }
  }
  expect(wrong).toEqual([]);
  const res = await fetch(`http://127.0.0.1:${port}/__control/troubleTicket`, { headers: { authorization: AUTH } });
  expect(res.status).toBe(200);
  expect(res.headers.get("x-total-count")).toBe("0");
});
