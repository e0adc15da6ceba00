// The exported collection's shape, for every profile: its folders in run order, its
// variables, a status test on every request, ids chained from the creates, and bodies
// the profile's own schemas accept. newman.test.ts runs it against the simulator.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { schemaProblems } from "../model/schema-check.ts";
import { requestName, SCHEMA } from "../model/schema-names.ts";
import { buildPostmanCollection } from "./postman.ts";
import { documentedStatus, POSTMAN_SCHEMA, type Request } from "./postman-format.ts";

const PROFILES = [
  "profile/nexera.json",
  ...readdirSync(join(FIXTURES, "profile/variants")).map((f) => `profile/variants/${f}`),
];
const OPTIONS = {
  origin: "http://127.0.0.1:8080",
  credentials: { user: "operator", password: "operator-secret" },
  callbackUrl: "http://127.0.0.1:8081",
};

const nexera = loadProfile(join(FIXTURES, PROFILES[0]!));
const collection = buildPostmanCollection(nexera, OPTIONS);
const requests = (c = collection): Request[] => c.item.flatMap((f) => f.item);
const named = (name: string) => requests().find((r) => r.name === name)!;

it("declares the Postman Collection v2.1 format and the profile's title", () => {
  expect(collection.info.schema).toBe(POSTMAN_SCHEMA);
  expect(collection.info.name).toBe(nexera.title);
});

it("orders its folders as a run needs them: token, tickets, operator changes, hub, then the simulator's control", () => {
  expect(collection.item.map((f) => f.name)).toEqual([
    "Access token",
    "Tickets",
    "Operator changes (PATCH)",
    "Events hub",
    "Simulator control (Nexera's side)",
  ]);
});

it("keeps the base URL, the token URL and the credentials in variables", () => {
  const vars = Object.fromEntries(collection.variable.map((x) => [x.key, x.value]));
  expect(vars).toMatchObject({
    baseUrl: `http://127.0.0.1:8080${nexera.basePath}`,
    tokenUrl: "http://127.0.0.1:8080/oauth/token",
    controlUrl: "http://127.0.0.1:8080/__control",
    clientId: "operator",
    clientSecret: "operator-secret",
    callbackUrl: "http://127.0.0.1:8081",
  });
  expect(JSON.stringify(requests())).not.toContain("operator-secret");
});

it("asks for the token with HTTP Basic client credentials and stores it for every other request's Bearer", () => {
  const token = named("Get an access token");
  expect(token.request.auth).toEqual({
    type: "basic",
    basic: [
      { key: "username", value: "{{clientId}}", type: "string" },
      { key: "password", value: "{{clientSecret}}", type: "string" },
    ],
  });
  expect(token.request.body).toEqual({
    mode: "urlencoded",
    urlencoded: [{ key: "grant_type", value: "client_credentials", type: "text" }],
  });
  expect(token.event[0]!.script.exec.join("\n")).toContain('pm.collectionVariables.set("accessToken", value)');
  expect(collection.auth).toEqual({
    type: "bearer",
    bearer: [{ key: "token", value: "{{accessToken}}", type: "string" }],
  });
  expect(requests().filter((r) => r.request.auth !== undefined)).toEqual([token]);
});

it("puts every control call, and only those, in the last folder", () => {
  const [control, ...api] = [...collection.item].reverse();
  expect(control!.item.every((r) => r.request.url.raw.startsWith("{{controlUrl}}"))).toBe(true);
  expect(control!.item.map((r) => r.name)).toEqual(expect.arrayContaining(["Reset the simulator"]));
  expect(control!.item.at(-1)!.name).toBe("Reset the simulator");
  for (const f of api) expect(f.item.some((r) => r.request.url.raw.startsWith("{{controlUrl}}"))).toBe(false);
});

describe.each(PROFILES)("the collection of %s", (file) => {
  const model = loadProfile(join(FIXTURES, file));
  const c = buildPostmanCollection(model, OPTIONS);
  const all = requests(c);

  it("gives every request a test of the status it documents", () => {
    for (const r of all) {
      expect(documentedStatus(r), r.name).toBeTypeOf("number");
      expect(r.request.description, r.name).toContain(`Answers ${documentedStatus(r)}`);
    }
  });

  it("creates a ticket of each type, each storing its id for the requests after it", () => {
    const creates = all.filter((r) => r.request.method === "POST" && r.name.startsWith("Create a"));
    expect(creates.map((r) => r.name).filter((n) => !n.endsWith(" to move"))).toEqual(
      model.ticketTypes.map((t) => `Create a ${t}`),
    );
    for (const r of creates)
      expect(r.event[0]!.script.exec.join("\n")).toContain(`pm.response.json()[${JSON.stringify(model.idField)}]`);
  });

  it("uses each stored id only after the request that stores it", () => {
    const defaults = new Set(c.variable.filter((x) => x.value !== "").map((x) => x.key));
    const stored = new Set<string>();
    for (const r of all) {
      const used = [...JSON.stringify(r.request).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
      for (const name of used) expect(defaults.has(name) || stored.has(name), `${r.name} uses ${name}`).toBe(true);
      for (const m of r.event[0]!.script.exec.join("\n").matchAll(/collectionVariables\.set\("(\w+)"/g))
        stored.add(m[1]!);
    }
  });

  it("sends bodies the profile's schemas accept: creates, PATCHes, the hub and the control calls", () => {
    for (const r of all) {
      if (r.request.body?.mode !== "raw") continue;
      const body = JSON.parse(r.request.body.raw.replace(/\{\{callbackUrl\}\}/g, OPTIONS.callbackUrl)) as Record<
        string,
        unknown
      >;
      const raw = r.request.url.raw;
      const type = model.ticketTypes.find((t) => r.name.endsWith(` ${t}`) || r.name.includes(` ${t} `))!;
      const schema = raw.startsWith("{{controlUrl}}")
        ? raw.endsWith("/status")
          ? SCHEMA.controlStatus
          : SCHEMA.controlPatch
        : raw.includes(`/${model.hubPath}`)
          ? SCHEMA.hubInput
          : requestName(model, type, r.request.method === "POST" ? "POST" : "PATCH");
      expect(schemaProblems(model, schema, body), `${r.name}: ${JSON.stringify(body)}`).toEqual([]);
    }
  });

  it("lists with the profile's paging, projection and every filter name", () => {
    const queries = all.filter((r) => r.name.startsWith("List")).flatMap((r) => r.request.url.query ?? []);
    const keys = new Set(queries.map((q) => q.key));
    for (const name of [model.reserved.offset, model.reserved.limit, model.reserved.fields])
      expect(keys).toContain(name);
    for (const ff of model.filterFieldList) for (const name of ff.names) expect(keys).toContain(name);
    for (const ff of model.filterFieldList)
      for (const op of ff.operators) expect([...keys].some((k) => k.endsWith(`.${op}`))).toBe(true);
  });

  it("unregisters at the hub, and deletes the hub itself only where the profile has events.hub.reset", () => {
    const hub = c.item.find((f) => f.name === "Events hub")!.item;
    expect(hub.map((r) => `${r.request.method} ${r.request.url.raw}`)).toEqual([
      `POST {{baseUrl}}/${model.hubPath}`,
      `DELETE {{baseUrl}}/${model.hubPath}/{{hubId}}`,
      ...(model.events.hub.reset ? [`DELETE {{baseUrl}}/${model.hubPath}`] : []),
    ]);
  });
});
