import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { buildModel, DEFAULT_PROFILE } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import { createAjv } from "../model/schema-check.ts";
import { buildOpenApi } from "./openapi.ts";
import { ALICE, basic, build, CONTROL, call, createTicket, model, TICKETS } from "./testing.ts";

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, walked by path in assertions
type Doc = Record<string, any>;

/** A validator of one component schema, as a client would build it from the served document. */
function validatorOf(doc: Doc, schemaName: string) {
  // Not strict: the document holds OpenAPI keywords beside the schemas.
  const ajv = createAjv({ strict: false });
  ajv.addSchema(doc, "doc");
  const v = ajv.getSchema(`doc#/components/schemas/${schemaName}`);
  if (!v) throw new Error(`no schema ${schemaName}`);
  return (body: unknown) => v(body) as boolean;
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node))
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
  }
  return out;
}

function profileWith(change: (file: Doc) => void) {
  const file = JSON.parse(readFileSync(DEFAULT_PROFILE, "utf8"));
  change(file);
  return buildModel(file, "(changed copy)");
}

it("declares an OpenAPI 3.1 document with the profile's title and the API's paths", () => {
  const doc = buildOpenApi(model) as Doc;
  expect(doc.openapi).toMatch(/^3\.1\.\d$/);
  expect(doc.info).toMatchObject({ title: model.title, version: model.id });
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([`/${model.resource}`, `/${model.resource}/{id}`, "/hub", "/hub/{id}", "/oauth/token"]),
  );
  expect(Object.keys(doc.paths[`/${model.resource}`])).toEqual(["get", "post"]);
  expect(Object.keys(doc.paths[`/${model.resource}/{id}`])).toEqual(["get", "patch"]);
});

it("resolves every $ref of the document", () => {
  const doc = buildOpenApi(model) as Doc;
  const all = refs(doc);
  expect(all.length).toBeGreaterThan(10);
  for (const r of all) {
    const target = r
      .replace(/^#\//, "")
      .split("/")
      .reduce<Doc | undefined>((n, k) => n?.[k], doc);
    expect(target, r).toBeDefined();
  }
});

it("embeds the model's schemas, their refs pointed at components.schemas", () => {
  const schemas = (buildOpenApi(model) as Doc).components.schemas;
  const own = JSON.stringify(model.schemas.$defs.TroubleTicket_Create_Complaint);
  expect(JSON.stringify(schemas.TroubleTicket_Create_Complaint)).toBe(
    own.replaceAll("#/$defs/", "#/components/schemas/"),
  );
  expect(JSON.stringify(schemas)).not.toContain("#/$defs/");
  expect(schemas).not.toHaveProperty("ControlPatch");
});

it("requires relatedParty in the Complaint create schema", () => {
  const schemas = (buildOpenApi(model) as Doc).components.schemas;
  expect(schemas.TroubleTicket_Create_Complaint.required).toContain("relatedParty");
});

it("forbids the prohibited and unsupported fields and requires the R cells of a create schema", () => {
  const s = (buildOpenApi(model) as Doc).components.schemas.TroubleTicket_Create_Customer_Trouble_Ticket;
  expect([...s.required].sort()).toEqual([
    "description",
    "name",
    "relatedEntity",
    "relatedParty",
    "severity",
    "ticketSubtype",
  ]);
  for (const gone of ["id", "href", "status", "priority", "channel", "@schemaLocation", "troubleTicketRelationship"])
    expect(s.properties[gone], gone).toBe(false);
  expect(s.properties.severity.enum).toEqual(["High", "Medium", "Low"]);
  expect(s.additionalProperties).toBe(false);
});

it.each(model.ticketTypes)("accepts the sample %s body against TroubleTicket_Create", (ticketType) => {
  const valid = validatorOf(buildOpenApi(model) as Doc, "TroubleTicket_Create");
  expect(valid(sampleTicket(model, ticketType))).toBe(true);
});

it("rejects a Complaint body without relatedParty against TroubleTicket_Create", () => {
  const valid = validatorOf(buildOpenApi(model) as Doc, "TroubleTicket_Create");
  const { relatedParty: _, ...body } = sampleTicket(model, "Complaint");
  expect(valid(body)).toBe(false);
});

it("judges a body without a ticketType by the default type's rules in TroubleTicket_Create", () => {
  const valid = validatorOf(buildOpenApi(model) as Doc, "TroubleTicket_Create");
  const { ticketType: _, ...complaint } = sampleTicket(model, "Complaint");
  const { severity: __, ...noSeverity } = complaint;
  // severity is R for Customer_Trouble_Ticket and O for Complaint in the profile.
  expect(valid({ ...noSeverity, ticketType: "Complaint" })).toBe(true);
  expect(valid(noSeverity)).toBe(false);
  expect(valid({ ...complaint, ticketType: "Incident" })).toBe(false);
});

it("validates the simulator's real answers: a created ticket, a PATCHed one, an Error, a hub subscription", async () => {
  const doc = buildOpenApi(model) as Doc;
  const app = build();
  const ticket = await createTicket(app, ALICE, "Complaint");
  expect(validatorOf(doc, "TroubleTicket")(ticket)).toBe(true);
  await call(app, {
    method: "POST",
    url: `${CONTROL}/${String(ticket.id)}/status`,
    auth: basic(ALICE),
    body: { status: "acknowledged" },
  });
  const patch = { status: "cancelled", statusChangeReason: "not needed", note: [{ text: "bye" }] };
  expect(validatorOf(doc, "TroubleTicket_Update")(patch)).toBe(true);
  const patched = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${String(ticket.id)}`,
    auth: basic(ALICE),
    body: patch,
  });
  expect(patched.statusCode).toBe(200);
  expect(validatorOf(doc, "TroubleTicket")(patched.json())).toBe(true);
  const error = await call(app, { method: "POST", url: TICKETS, auth: basic(ALICE), body: { colour: "red" } });
  expect(validatorOf(doc, "Error")(error.json())).toBe(true);
  const hubBody = { callback: "http://127.0.0.1:9/cb" };
  expect(validatorOf(doc, "EventSubscriptionInput")(hubBody)).toBe(true);
  const sub = await call(app, {
    method: "POST",
    url: `${model.basePath}/${model.hubPath}`,
    auth: basic(ALICE),
    body: hubBody,
  });
  expect(sub.statusCode).toBe(201);
  expect(validatorOf(doc, "EventSubscription")(sub.json())).toBe(true);
  await app.close();
});

it("refuses an impossible date-time in a returned ticket", async () => {
  const app = build();
  const ticket = await createTicket(app, ALICE);
  await app.close();
  expect(
    validatorOf(buildOpenApi(model) as Doc, "TroubleTicket")({ ...ticket, creationDate: "2021-02-30T10:00:00Z" }),
  ).toBe(false);
});

it("describes every event the hub sends as a callback of the subscription", () => {
  const callbacks = (buildOpenApi(model) as Doc).paths["/hub"].post.callbacks;
  const types = [...new Set(model.events.rules.map((r) => r.eventType))];
  expect(Object.keys(callbacks)).toEqual(types);
  const first = Object.values(callbacks[types[0] as string])[0] as Doc;
  expect(first.post.requestBody.content["application/json"].schema).toEqual({
    $ref: `#/components/schemas/${types[0]}`,
  });
});

it("requires relatedEntity on a Financial Complaint and not on a Maintenance one", () => {
  const valid = validatorOf(buildOpenApi(model) as Doc, "TroubleTicket_Create_Complaint");
  const { relatedEntity: _, ...body } = sampleTicket(model, "Complaint");
  expect(valid({ ...body, ticketSubtype: "Financial" })).toBe(false);
  expect(valid({ ...body, ticketSubtype: "Maintenance" })).toBe(true);
});

it("requires statusChangeReason with a status in an update, and refuses it alone", () => {
  const valid = validatorOf(buildOpenApi(model) as Doc, "TroubleTicket_Update");
  expect(valid({ status: "cancelled", statusChangeReason: "not needed" })).toBe(true);
  expect(valid({ status: "cancelled" })).toBe(false);
  expect(valid({ statusChangeReason: "why" })).toBe(false);
  expect(valid({ status: "acknowledged", statusChangeReason: "operators cannot do this" })).toBe(false);
});

it("describes the profile's filters with their date-time operators and aliases", () => {
  const params = (buildOpenApi(model) as Doc).paths[`/${model.resource}`].get.parameters as Array<{ name: string }>;
  const names = params.map((p) => p.name);
  expect(names).toEqual(
    expect.arrayContaining([
      "fields",
      "offset",
      "limit",
      "creationDate",
      "creationDate.gt",
      "creationDate.lte",
      "ticketSubType",
      "ticketSubtype",
    ]),
  );
  expect(names).not.toContain("status");
  expect(names).not.toContain("name.gt");
});

it("changes the document when a rule of the profile changes", () => {
  const changed = profileWith((f) => {
    f.objects.TroubleTicket.fields.relatedParty.rules.Complaint.POST = "O";
  });
  const before = (buildOpenApi(model) as Doc).components.schemas.TroubleTicket_Create_Complaint;
  const after = (buildOpenApi(changed) as Doc).components.schemas.TroubleTicket_Create_Complaint;
  expect(before.required).toContain("relatedParty");
  expect(after.required).not.toContain("relatedParty");
  expect(after.properties).toHaveProperty("relatedParty");
});

it("gives a sub-object per-type schemas when its rules differ between ticket types", () => {
  const changed = profileWith((f) => {
    f.objects.Note.fields.author.rules = {
      Customer_Trouble_Ticket: { POST: "R", PATCH: "O" },
      Complaint: { POST: "O", PATCH: "O" },
    };
  });
  const schemas = (buildOpenApi(changed) as Doc).components.schemas;
  expect(schemas.Note_Create_Customer_Trouble_Ticket.required).toContain("author");
  expect(schemas.Note_Create_Complaint.required ?? []).not.toContain("author");
  expect(schemas).not.toHaveProperty("Note_Create");
});

it("names the security schemes of the auth mode", () => {
  expect((buildOpenApi(model, { authMode: "basic" }) as Doc).security).toEqual([{ basicAuth: [] }]);
  expect((buildOpenApi(model, { authMode: "either" }) as Doc).security).toEqual([
    { oauth2: [] },
    { bearerAuth: [] },
    { basicAuth: [] },
  ]);
});

it("serves the document at /openapi.json without credentials, with the configured server URL", async () => {
  const app = build({ basePath: "/api/v9", publicUrl: "https://nexera.example" });
  const r = await call(app, { method: "GET", url: "/openapi.json" });
  expect(r.statusCode).toBe(200);
  expect(r.json().servers).toEqual([{ url: "https://nexera.example/api/v9" }]);
  expect(r.json().components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl).toBe(
    "https://nexera.example/oauth/token",
  );
});
