// Hostile and malformed requests, as an attacker would send them: each must get a
// 4xx TMF Error (docs/rules.md §2), never a 5xx, and store nothing. A fixed table of the
// classes found by hand, then bounded random bodies and queries (fast-check).
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import { MAX_BODY_DEPTH } from "./content.ts";
import { ALICE, BASE, basic, build, CONTROL, createTicket, model, TICKETS } from "./testing.ts";

const auth = basic(ALICE);
const HUB = `${BASE}/${model.hubPath}`;
const valid = JSON.stringify(sampleTicket(model, model.defaultTicketType));

interface Hostile {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD" | "OPTIONS" | "TRACE";
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

/** A 4xx whose body is exactly the TMF Error of the same status. */
function isTmfClientError(r: LightMyRequestResponse): boolean {
  if (r.statusCode < 400 || r.statusCode >= 500) return false;
  try {
    const b = r.json() as Record<string, unknown>;
    return (
      Object.keys(b).sort().join() === "@type,code,message,reason,status" &&
      b["@type"] === "Error" &&
      b.status === String(r.statusCode) &&
      [b.code, b.reason, b.message].every((x) => typeof x === "string" && x !== "")
    );
  } catch {
    return false;
  }
}

function send(app: FastifyInstance, h: Hostile): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { authorization: auth };
  if (h.payload !== undefined || h.contentType !== undefined)
    headers["content-type"] = h.contentType ?? "application/json";
  return app.inject({
    method: h.method,
    url: h.url,
    headers,
    ...(h.payload !== undefined ? { payload: h.payload } : {}),
  });
}

/** How many tickets and hub subscriptions the simulator holds, over all tenants. */
async function stored(app: FastifyInstance): Promise<{ tickets: number; subscriptions: number }> {
  const tickets = await app.inject({ method: "GET", url: `${CONTROL}?limit=0`, headers: { authorization: auth } });
  const subs = await app.inject({
    method: "GET",
    url: `/__control/${model.hubPath}`,
    headers: { authorization: auth },
  });
  return { tickets: Number(tickets.headers["x-total-count"]), subscriptions: (subs.json() as unknown[]).length };
}

const withBytes = (at: number, bytes: number[]) =>
  Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from(bytes), Buffer.from(valid.slice(at))]);
const nameAt = valid.indexOf('"description":"') + '"description":"'.length; // inside a free-text value
const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const withKey = (key: string) => valid.replace(/^\{/, `{"${key}":{"prototype":{"polluted":true}},`);

const TABLE: ReadonlyArray<[string, Hostile]> = [
  ["a latin-1 byte in a string", { method: "POST", url: TICKETS, payload: withBytes(nameAt, [0xe9]) }],
  ["a lone UTF-8 continuation byte", { method: "POST", url: TICKETS, payload: withBytes(nameAt, [0x80]) }],
  ["an overlong UTF-8 sequence", { method: "POST", url: TICKETS, payload: withBytes(nameAt, [0xc0, 0xaf]) }],
  ["a UTF-16 body", { method: "POST", url: TICKETS, payload: Buffer.from(valid, "utf16le") }],
  ["__proto__ at the top", { method: "POST", url: TICKETS, payload: withKey("__proto__") }],
  ["constructor.prototype at the top", { method: "POST", url: TICKETS, payload: withKey("constructor") }],
  [
    "__proto__ inside an item",
    { method: "POST", url: TICKETS, payload: valid.replace(/"role":/, '"__proto__":{"x":1},"role":') },
  ],
  ["an array nested 100 000 deep", { method: "POST", url: TICKETS, payload: `{"name":${deep(100_000)}}` }],
  [
    "a deep array as the token request's grant_type",
    { method: "POST", url: "/oauth/token", payload: `{"grant_type":${deep(100_000)}}` },
  ],
  [
    "a deep array as a hub query",
    { method: "POST", url: HUB, payload: `{"callback":"http://127.0.0.1:9/cb","query":${deep(100_000)}}` },
  ],
  [
    "a deep object as a control status",
    {
      method: "POST",
      url: `${CONTROL}/x/status`,
      payload: `{"status":${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}}`,
    },
  ],
  [
    "a 400 000-item array of numbers as note",
    { method: "POST", url: TICKETS, payload: `{"note":[${Array(400_000).fill("0").join(",")}]}` },
  ],
  [
    "a body over 1 MiB",
    { method: "POST", url: TICKETS, payload: JSON.stringify({ description: "x".repeat(1024 * 1024) }) },
  ],
  ["a trailing second document", { method: "POST", url: TICKETS, payload: `${valid}{}` }],
  ["a number too large for a double", { method: "POST", url: TICKETS, payload: "1e999999" }],
  ["whitespace only", { method: "POST", url: TICKETS, payload: " \r\n\t " }],
  ["charset latin1", { method: "POST", url: TICKETS, payload: valid, contentType: "application/json; charset=latin1" }],
  ["a wildcard content type", { method: "POST", url: TICKETS, payload: valid, contentType: "*/*" }],
  [
    "merge-patch on POST",
    { method: "POST", url: TICKETS, payload: valid, contentType: "application/merge-patch+json" },
  ],
  ["multipart", { method: "POST", url: TICKETS, payload: valid, contentType: "multipart/form-data; boundary=x" }],
  ["a bad percent escape in a query value", { method: "GET", url: `${TICKETS}?name=%ZZ` }],
  ["a non-UTF-8 escape in a query value", { method: "GET", url: `${TICKETS}?name=%FF` }],
  ["a truncated escape in the query", { method: "GET", url: `${TICKETS}?name=%E0%A4%A` }],
  ["a bad escape in a query name", { method: "GET", url: `${TICKETS}?%ZZ=1` }],
  ["a bad escape in the path", { method: "GET", url: `${TICKETS}/%ZZ` }],
  ["a non-UTF-8 escape in the path", { method: "GET", url: `${TICKETS}/%FF` }],
  ["an id longer than a path segment may be", { method: "GET", url: `${TICKETS}/${"a".repeat(500)}` }],
  ["a query parameter named __proto__", { method: "GET", url: `${TICKETS}?__proto__=x` }],
  ["a query parameter named constructor", { method: "GET", url: `${TICKETS}?constructor=x` }],
  ["a bracketed query name", { method: "GET", url: `${TICKETS}?ticketType[]=Complaint` }],
  ["status, not a filter of the seed", { method: "GET", url: `${TICKETS}?status=submitted` }],
  ["an unknown date operator", { method: "GET", url: `${TICKETS}?creationDate.after=2021-01-01` }],
  ["an impossible date", { method: "GET", url: `${TICKETS}?creationDate.gt=2021-02-30` }],
  ["hour 24", { method: "GET", url: `${TICKETS}?creationDate.gt=2021-01-01T24:00:00Z` }],
  ["limit given twice", { method: "GET", url: `${TICKETS}?limit=1&limit=2` }],
  ["a negative offset", { method: "GET", url: `${TICKETS}?offset=-1` }],
  ["an empty fields", { method: "GET", url: `${TICKETS}?fields=` }],
  ["a filter on a single ticket", { method: "GET", url: `${TICKETS}/x?creationDate.gt=2021-01-01` }],
  ["a long OR list of an unknown filter", { method: "GET", url: `${TICKETS}?colour=${"a,".repeat(3000)}` }],
  ["PUT on a ticket", { method: "PUT", url: `${TICKETS}/x`, payload: valid }],
  ["DELETE on a ticket", { method: "DELETE", url: `${TICKETS}/x` }],
  ["TRACE on the collection", { method: "TRACE", url: TICKETS }],
  ["OPTIONS on the collection", { method: "OPTIONS", url: TICKETS }],
  ["a trailing slash on the collection", { method: "POST", url: `${TICKETS}/`, payload: valid }],
  ["a double slash in the base path", { method: "POST", url: `${BASE}//${model.resource}`, payload: valid }],
  ["an encoded slash in an id", { method: "PATCH", url: `${TICKETS}/..%2F..%2Fetc`, payload: "{}" }],
  ["a NUL in an id", { method: "PATCH", url: `${TICKETS}/%00`, payload: "{}" }],
  ["markup in an id", { method: "GET", url: `${TICKETS}/%3Cscript%3E` }],
  [
    "a hub query parameter named __proto__",
    { method: "POST", url: HUB, payload: '{"callback":"http://127.0.0.1:9/cb","query":"__proto__=1"}' },
  ],
  [
    "a hub query parameter named constructor",
    { method: "POST", url: HUB, payload: '{"callback":"http://127.0.0.1:9/cb","query":"constructor=1"}' },
  ],
  ["a hub callback of another scheme", { method: "POST", url: HUB, payload: '{"callback":"javascript:alert(1)"}' }],
  [
    "a hub body with __proto__",
    { method: "POST", url: HUB, payload: '{"callback":"http://127.0.0.1:9/cb","__proto__":{"x":1}}' },
  ],
  [
    "a hub body that is not UTF-8",
    { method: "POST", url: HUB, payload: Buffer.from('{"callback":"http://127.0.0.1:9/caf\u00e9"}', "latin1") },
  ],
  [
    "a control transition to an unknown state",
    { method: "POST", url: `${CONTROL}/x/status`, payload: '{"status":{"$gt":""}}' },
  ],
  [
    "a control PATCH that is not UTF-8",
    { method: "PATCH", url: `${CONTROL}/x`, payload: Buffer.from([0x7b, 0xff, 0x7d]) },
  ],
];

it("answers every hostile request of the table with a 4xx TMF Error and stores nothing", async () => {
  const app = build();
  const wrong: string[] = [];
  for (const [what, h] of TABLE) {
    const r = await send(app, h);
    if (!isTmfClientError(r))
      wrong.push(`${what}: ${h.method} ${h.url.slice(0, 80)} -> ${r.statusCode} ${r.body.slice(0, 200)}`);
  }
  expect(wrong).toEqual([]);
  expect(await stored(app)).toEqual({ tickets: 0, subscriptions: 0 });
});

it("answers a body of invalid UTF-8 with 400 instead of storing replacement characters", async () => {
  const app = build();
  const r = await send(app, { method: "POST", url: TICKETS, payload: withBytes(nameAt, [0xff]) });
  expect(r.statusCode).toBe(400);
  expect(r.json().message).toMatch(/UTF-8/);
  expect(await stored(app)).toEqual({ tickets: 0, subscriptions: 0 });
});

it("bounds the Error message of a body with very many violations", async () => {
  const app = build();
  const payload = `{"note":[${Array(400_000).fill("0").join(",")}]}`;
  const r = await send(app, { method: "POST", url: TICKETS, payload });
  expect(r.statusCode).toBe(400);
  // 400 000 violations would be some 13 MB of text; the answer stays smaller than the request.
  expect(r.body.length).toBeLessThan(payload.length);
  expect(r.json().message).toMatch(/and \d+ more violation/);
});

it("answers a body nested deeper than MAX_BODY_DEPTH with 400 on every JSON route", async () => {
  const app = build();
  const tooDeep = `{"x":${"[".repeat(MAX_BODY_DEPTH)}${"]".repeat(MAX_BODY_DEPTH)}}`;
  for (const url of [TICKETS, HUB, "/oauth/token", `${CONTROL}/x/status`]) {
    const r = await send(app, { method: "POST", url, payload: tooDeep });
    expect(r.statusCode, url).toBe(400);
    expect(r.json().message, url).toMatch(/deeper than 64 levels/);
  }
});

it("accepts a UTF-8 byte order mark before a valid body", async () => {
  const app = build();
  const r = await send(app, {
    method: "POST",
    url: TICKETS,
    payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]),
  });
  expect(r.statusCode).toBe(201);
});

// Random input, bounded: every answer is a success or a 4xx TMF Error, and a
// refused request leaves the store as it was.
const runs = { numRuns: 150, seed: 621 };
const jsonish = fc.jsonValue({ maxDepth: 4 });
const hostileKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "name ",
  "Name",
  "@type",
  "id",
);
const hostileObject = fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), jsonish, { maxKeys: 6 });
const hostileBody = fc.oneof(
  jsonish.map((v) => JSON.stringify(v)),
  hostileObject.map((o) => JSON.stringify(o)),
  // A valid ticket with one field replaced or added.
  fc
    .tuple(fc.oneof(hostileKey, fc.constantFrom(...model.root.fields.map((f) => f.name))), jsonish)
    .map(([k, v]) => JSON.stringify({ ...JSON.parse(valid), [k]: v })),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 64 }),
);

it("never answers random bodies on any writing route with a 5xx, and stores only what it answers 201 to", async () => {
  const app = build();
  const ticket = await createTicket(app, ALICE);
  const id = String(ticket.id);
  const routes: ReadonlyArray<Omit<Hostile, "payload">> = [
    { method: "POST", url: TICKETS },
    { method: "PATCH", url: `${TICKETS}/${id}` },
    { method: "PATCH", url: `${TICKETS}/${id}`, contentType: "application/merge-patch+json" },
    { method: "POST", url: `${CONTROL}/${id}/status` },
    { method: "PATCH", url: `${CONTROL}/${id}` },
    { method: "POST", url: HUB },
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), hostileBody, async (route, payload) => {
      const before = await stored(app);
      const r = await send(app, { ...route, payload });
      expect(r.statusCode, r.body).toBeLessThan(500);
      if (r.statusCode >= 400) {
        expect(isTmfClientError(r), r.body).toBe(true);
        expect(await stored(app)).toEqual(before);
      }
    }),
    runs,
  );
});

it("never answers random query strings with a 5xx", async () => {
  const app = build();
  await createTicket(app, ALICE);
  const name = fc.oneof(
    hostileKey,
    fc.constantFrom(...model.filterFieldList.flatMap((f) => f.names.flatMap((n) => [n, `${n}.gt`, `${n}.eq`]))),
    fc.constantFrom("fields", "offset", "limit"),
    fc.string({ maxLength: 10 }),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom("2021-01-01", "2021-01-01T00:00:00Z", "%ZZ", "%FF", "a,b", "", "-1", "1e3"),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 4 }), fc.boolean(), async (pairs, raw) => {
      // Either properly encoded, or pasted raw (escapes and all) as a careless client would.
      const qs = pairs
        .map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
        .join("&");
      for (const url of [`${TICKETS}?${qs}`, `${CONTROL}?${qs}`, `${TICKETS}/x?${qs}`]) {
        let r: LightMyRequestResponse;
        try {
          r = await app.inject({ method: "GET", url, headers: { authorization: auth } });
        } catch {
          return; // light-my-request refuses some raw URLs itself: nothing reached the server
        }
        expect(r.statusCode, `${url} -> ${r.body}`).toBeLessThan(500);
        if (r.statusCode >= 400) expect(isTmfClientError(r), r.body).toBe(true);
      }
    }),
    runs,
  );
});
