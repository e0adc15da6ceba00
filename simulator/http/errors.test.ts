import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import {
  ALICE,
  BASE,
  basic,
  build,
  CONTROL,
  call,
  createTicket,
  expectErrorShape,
  model,
  storedCount,
  TICKETS,
} from "./testing.ts";

const auth = basic(ALICE);
const valid = () => sampleTicket(model, model.defaultTicketType);

it("answers malformed JSON on POST with 400 and stores nothing", async () => {
  const app = build();
  const r = await call(app, { method: "POST", url: TICKETS, auth, raw: '{"name": ' });
  expect(expectErrorShape(r, 400).code).toBe("MALFORMED_JSON");
  expect(await storedCount(app)).toBe(0);
});

it("answers an empty JSON body on POST with 400 and stores nothing", async () => {
  const app = build();
  const r = await call(app, { method: "POST", url: TICKETS, auth, raw: "", contentType: "application/json" });
  expectErrorShape(r, 400);
  expect(await storedCount(app)).toBe(0);
});

it.each([
  ["an array", "[]"],
  ["a string", '"ticket"'],
  ["a number", "42"],
  ["null", "null"],
])("answers a POST body that is %s with 400 and stores nothing", async (_what, raw) => {
  const app = build();
  const r = await call(app, { method: "POST", url: TICKETS, auth, raw });
  expect(expectErrorShape(r, 400).message).toMatch(/object/);
  expect(await storedCount(app)).toBe(0);
});

it("answers a POST without a body with 400 and stores nothing", async () => {
  const app = build();
  const r = await call(app, { method: "POST", url: TICKETS, auth });
  expectErrorShape(r, 400);
  expect(await storedCount(app)).toBe(0);
});

it("answers a field of the wrong type with 400 naming it and stores nothing", async () => {
  const app = build();
  const r = await call(app, { method: "POST", url: TICKETS, auth, body: { ...valid(), name: 42 } });
  expect(expectErrorShape(r, 400).message).toMatch(/name/);
  expect(await storedCount(app)).toBe(0);
});

it("answers a prototype-poisoning body with 400 and stores nothing", async () => {
  const app = build();
  const r = await call(app, {
    method: "POST",
    url: TICKETS,
    auth,
    raw: JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"x":1},'),
  });
  expectErrorShape(r, 400);
  expect(await storedCount(app)).toBe(0);
});

it("answers a body over the limit with 413 and stores nothing", async () => {
  const app = build({ bodyLimit: 2048 });
  const r = await call(app, {
    method: "POST",
    url: TICKETS,
    auth,
    body: { ...valid(), description: "x".repeat(4096) },
  });
  expect(expectErrorShape(r, 413).message).toMatch(/2048/);
  expect(await storedCount(app)).toBe(0);
});

it("takes a body just under the limit", async () => {
  const body = valid();
  const size = Buffer.byteLength(JSON.stringify(body));
  const app = build({ bodyLimit: size });
  expect((await call(app, { method: "POST", url: TICKETS, auth, body })).statusCode).toBe(201);
});

it("answers a PATCH over the limit with 413 and leaves the ticket unchanged", async () => {
  const app = build({ bodyLimit: 2048 });
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${String(t.id)}`,
    auth,
    body: { description: "x".repeat(4096) },
  });
  expectErrorShape(r, 413);
  expect((await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json()).toEqual(t);
});

it.each(["text/plain", "application/merge-patch+json", "application/xml", "application/json; charset=iso-8859-1"])(
  "answers a POST in %s with 415 and stores nothing",
  async (contentType) => {
    const app = build();
    const r = await call(app, { method: "POST", url: TICKETS, auth, raw: JSON.stringify(valid()), contentType });
    expectErrorShape(r, 415);
    expect(await storedCount(app)).toBe(0);
  },
);

it("answers a POST with a body but no content type with 415", async () => {
  const app = build();
  const r = await app.inject({
    method: "POST",
    url: TICKETS,
    headers: { authorization: auth },
    payload: Buffer.from(JSON.stringify(valid())),
  });
  expectErrorShape(r, 415);
  expect(await storedCount(app)).toBe(0);
});

it("accepts a POST in application/json with a UTF-8 charset", async () => {
  const app = build();
  const r = await call(app, {
    method: "POST",
    url: TICKETS,
    auth,
    body: valid(),
    contentType: "application/json; charset=UTF-8",
  });
  expect(r.statusCode).toBe(201);
});

it.each(["text/plain", "application/x-www-form-urlencoded"])(
  "answers a PATCH in %s with 415 and leaves the ticket unchanged",
  async (contentType) => {
    const app = build();
    const t = await createTicket(app, ALICE);
    const r = await call(app, {
      method: "PATCH",
      url: `${TICKETS}/${String(t.id)}`,
      auth,
      raw: '{"name":"x"}',
      contentType,
    });
    expectErrorShape(r, 415);
    expect((await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json()).toEqual(t);
  },
);

it.each(model.patchContentTypes)("accepts a PATCH in %s", async (contentType) => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${String(t.id)}`,
    auth,
    body: { name: "renamed" },
    contentType: `${contentType}; charset=utf-8`,
  });
  expect(r.statusCode).toBe(200);
  expect(r.json().name).toBe("renamed");
});

it("answers malformed JSON on PATCH with 400 and leaves the ticket unchanged", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, { method: "PATCH", url: `${TICKETS}/${String(t.id)}`, auth, raw: "{oops" });
  expectErrorShape(r, 400);
  expect((await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json()).toEqual(t);
});

it("answers an unknown query parameter on the list with 400", async () => {
  const app = build();
  expectErrorShape(await call(app, { method: "GET", url: `${TICKETS}?colour=red`, auth }), 400);
});

it.each([
  ["DELETE", `${TICKETS}/some-id`, "GET, HEAD, PATCH"],
  ["PUT", `${TICKETS}/some-id`, "GET, HEAD, PATCH"],
  ["DELETE", TICKETS, "GET, HEAD, POST"],
  ["PATCH", TICKETS, "GET, HEAD, POST"],
  ["GET", "/oauth/token", "POST"],
  ["GET", `${CONTROL}/some-id/status`, "POST"],
] as const)("answers %s %s with 405 and Allow: %s", async (method, url, allow) => {
  const app = build();
  const r = await call(app, { method, url, auth });
  expectErrorShape(r, 405);
  expect(r.headers.allow).toBe(allow);
});

it.each(["/nothing", `${BASE}/nothing`, `${TICKETS}/a/b`, "/tmf-api/troubleTicket/v3/troubleTicket"])(
  "answers the unknown path %s with 404",
  async (url) => {
    const app = build();
    expectErrorShape(await call(app, { method: "GET", url, auth }), 404);
  },
);

it("answers an unknown ticket id with 404 on get, patch and control", async () => {
  const app = build();
  expectErrorShape(await call(app, { method: "GET", url: `${TICKETS}/nope`, auth }), 404);
  expectErrorShape(await call(app, { method: "PATCH", url: `${TICKETS}/nope`, auth, body: { name: "x" } }), 404);
  expectErrorShape(
    await call(app, { method: "POST", url: `${CONTROL}/nope/status`, auth, body: { status: "acknowledged" } }),
    404,
  );
  expectErrorShape(await call(app, { method: "PATCH", url: `${CONTROL}/nope`, auth, body: { priority: 1 } }), 404);
});

it("answers an illegal control transition with 409 and leaves the ticket unchanged", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "POST",
    url: `${CONTROL}/${String(t.id)}/status`,
    auth,
    body: { status: "resolved", reason: "too soon" },
  });
  expect(expectErrorShape(r, 409).message).toMatch(/submitted.*resolved|resolved.*submitted/);
  expect((await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json()).toEqual(t);
});

it("answers an operator PATCH on a final ticket with 409", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const url = `${TICKETS}/${String(t.id)}`;
  expect(
    (
      await call(app, {
        method: "PATCH",
        url,
        auth,
        body: { status: "cancelled", statusChangeReason: "no longer needed" },
      })
    ).statusCode,
  ).toBe(200);
  expectErrorShape(await call(app, { method: "PATCH", url, auth, body: { name: "after the end" } }), 409);
});

it("answers a badly encoded URL with 400", async () => {
  const app = build();
  expectErrorShape(await call(app, { method: "GET", url: `${TICKETS}/%E0%A4%A`, auth }), 400);
});

it("answers an error thrown by simulator code with a 500 Error body and logs it", async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk, _enc, cb) => {
      lines.push(String(chunk));
      cb();
    },
  });
  const app = build({
    logger: { level: "error", stream },
    apiPlugins: [
      async (api) => {
        api.get("/boom", () => {
          throw new TypeError("a bug");
        });
      },
    ],
  });
  const r = await call(app, { method: "GET", url: `${BASE}/boom`, auth });
  expect(expectErrorShape(r, 500).message).not.toMatch(/a bug/);
  expect(lines.join("")).toMatch(/a bug/);
});
