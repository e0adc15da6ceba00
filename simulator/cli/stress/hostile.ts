// The hostile requests of a stress run: the kinds of simulator/http/hostile.test.ts and
// client-errors.test.ts (malformed JSON, wrong content types, bodies over the limit, deep
// nesting, prototype keys, odd ids, injection-shaped filters, bad credentials, bytes an
// HTTP parser refuses), each with the 4xx a correct simulator answers (docs/rules.md §2).
// A few are answered 200 by design (a filter value shaped like SQL is just a value).
import { createExample } from "../../model/examples.ts";
import { type Job, type Maker, type MixContext, pick } from "./job.ts";

const tickets = (ctx: MixContext) => `${ctx.base}/${ctx.model.resource}`;
const valid = (ctx: MixContext) => JSON.stringify(createExample(ctx.model, ctx.model.defaultTicketType));

function post(ctx: MixContext, kind: string, body: string, expect: number[], contentType = "application/json"): Job {
  return {
    kind: `hostile: ${kind}`,
    hostile: true,
    method: "POST",
    path: tickets(ctx),
    headers: { authorization: ctx.operators.a.basic, "content-type": contentType },
    body,
    expect,
  };
}

function get(ctx: MixContext, kind: string, path: string, expect: number[], authorization?: string): Job {
  const auth = authorization ?? ctx.operators.a.basic;
  return { kind: `hostile: ${kind}`, hostile: true, method: "GET", path, headers: { authorization: auth }, expect };
}

const malformed: Maker = (ctx) => {
  const v = valid(ctx);
  const bodies = [v.slice(0, -5), `${v},`, "{'name': 'x'}", '{"name": NaN}', `${v}{}`, "", "[1,2", "1e999999"];
  return post(ctx, "malformed JSON", pick(ctx.random, bodies), [400]);
};

const contentType: Maker = (ctx) => {
  const types = [
    "text/plain",
    "application/xml",
    "application/json; charset=latin1",
    "multipart/form-data; boundary=x",
  ];
  return post(ctx, "wrong content type", valid(ctx), [415], pick(ctx.random, types));
};

const huge: Maker = (ctx) =>
  post(ctx, "body over the limit", JSON.stringify({ name: "x".repeat(ctx.bodyLimit) }), [413]);

const deep: Maker = (ctx) => {
  const n = 1000 + Math.floor(ctx.random() * 20_000);
  const nested = ctx.random() < 0.5 ? `${"[".repeat(n)}${"]".repeat(n)}` : `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
  return post(ctx, "deep nesting", `{"name":${nested}}`, [400]);
};

const proto: Maker = (ctx) => {
  const key = pick(ctx.random, ["__proto__", "constructor"]);
  return post(ctx, "prototype key", valid(ctx).replace(/^\{/, `{"${key}":{"prototype":{"polluted":true}},`), [400]);
};

const oddId: Maker = (ctx) => {
  const ids = ["%ZZ", "%FF", "a".repeat(2000), "%E2%98%83", "..%2F..%2Fetc%2Fpasswd", "%00", "1%20OR%201=1", "%C0%AF"];
  const other = ctx.pools.b.length > 0 ? pick(ctx.random, ctx.pools.b) : "missing";
  // Another operator's ticket is as absent as a missing one (docs/rules.md §3).
  return get(ctx, "odd id", `${tickets(ctx)}/${pick(ctx.random, [...ids, other])}`, [400, 404]);
};

const injection: Maker = (ctx) => {
  const queries = [
    "name=%27%20OR%20%271%27%3D%271",
    "name[$ne]=x",
    "$where=1",
    "id=1;DROP%20TABLE%20tickets",
    "creationDate.gt=1%20OR%201=1",
    "__proto__[polluted]=1",
    "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "limit=-1",
    "offset=99999999999999999999999",
    "fields=__proto__,constructor",
    "name=%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D",
  ];
  return get(ctx, "injection-shaped filter", `${tickets(ctx)}?${pick(ctx.random, queries)}`, [200, 400]);
};

const badAuth: Maker = (ctx) => {
  const wrong = `Basic ${Buffer.from(`${ctx.operators.a.user}:wrong`).toString("base64")}`;
  const auths = ["", "Bearer not-a-token", wrong, "Digest x", `Basic ${"A".repeat(5000)}`, "Bearer"];
  return get(ctx, "bad credentials", tickets(ctx), [401], pick(ctx.random, auths));
};

const badBody: Maker = (ctx) => {
  const body = createExample(ctx.model, ctx.model.defaultTicketType);
  const [first] = Object.keys(body);
  const bodies = [
    { ...body, [ctx.model.idField]: "mine" },
    { ...body, unknownField: 1 },
    [],
    "text",
    { ...body, ...(first ? { [first]: { nested: true } } : {}) },
  ];
  return post(ctx, "body breaking the rules", JSON.stringify(pick(ctx.random, bodies)), [400]);
};

const badMove: Maker = (ctx) => {
  const id = ctx.pools.a.length > 0 ? pick(ctx.random, ctx.pools.a) : "missing";
  const lc = ctx.model.lifecycle;
  const body = {
    [lc.field]: pick(ctx.random, ["exploded", lc.initial, ...lc.states]),
    ...(lc.reasonField ? { [lc.reasonField]: "x" } : {}),
  };
  return {
    kind: "hostile: status change",
    hostile: true,
    method: "PATCH",
    path: `${tickets(ctx)}/${id}`,
    headers: { authorization: ctx.operators.a.basic, "content-type": "application/json" },
    body: JSON.stringify(body),
    // A legal move is allowed, an illegal one is 409, an unknown state 400, another's ticket 404.
    expect: [200, 400, 404, 409],
  };
};

const wrongMethod: Maker = (ctx) => ({
  kind: "hostile: method not offered",
  hostile: true,
  method: pick(ctx.random, ["DELETE", "PUT"] as const),
  path: `${tickets(ctx)}/${ctx.pools.a[0] ?? "x"}`,
  headers: { authorization: ctx.operators.a.basic },
  expect: [405],
});

const badHub: Maker = (ctx) => {
  const bodies = [
    { callback: "javascript:alert(1)" },
    { callback: "http://127.0.0.1:9/cb?x=1" },
    { callback: "http://127.0.0.1:9/cb", query: "id=1&__proto__=x" },
    { callback: "http://127.0.0.1:9/cb", query: "eventType=Nope" },
    { callback: 42 },
  ];
  return {
    kind: "hostile: hub subscription",
    hostile: true,
    method: "POST",
    path: `${ctx.base}/${ctx.model.hubPath}`,
    headers: { authorization: ctx.operators.b.basic, "content-type": "application/json" },
    body: JSON.stringify(pick(ctx.random, bodies)),
    expect: [400],
  };
};

/** Bytes Node's HTTP parser refuses before there is a request (decision 0005): 400 with a TMF Error. */
const raw: Maker = (ctx) => {
  const t = tickets(ctx);
  const auth = ctx.operators.a.basic;
  const requests = [
    "HELLO WORLD\r\n\r\n",
    `GET ${t} HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    `POST ${t} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    `POST ${t} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `GET ${t} HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n`,
  ];
  return { kind: "hostile: malformed HTTP", hostile: true, raw: pick(ctx.random, requests), expect: [400] };
};

/** Weights of the hostile requests among the valid ones' (mix.ts). */
export const HOSTILE: ReadonlyArray<readonly [number, Maker]> = [
  [3, malformed],
  [3, contentType],
  [1, huge],
  [2, deep],
  [3, proto],
  [4, oddId],
  [4, injection],
  [3, badAuth],
  [3, badBody],
  [1, badMove],
  [1, wrongMethod],
  [1, badHub],
  [2, raw],
];
