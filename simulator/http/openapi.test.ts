import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import type { FormatsPlugin } from "ajv-formats";
import addFormatsModule from "ajv-formats";
import { expect, it } from "vitest";
import { buildModel, DEFAULT_PROFILE } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import { buildOpenApi } from "./openapi.ts";
import { build, call, model } from "./testing.ts";

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, walked by path in assertions
type Doc = Record<string, any>;
const addFormats = addFormatsModule as unknown as FormatsPlugin;

function validatorOf(doc: Doc, schemaName: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
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

it("declares an OpenAPI 3.0 document with the profile's title and the API's paths", () => {
  const doc = buildOpenApi(model) as Doc;
  expect(doc.openapi).toMatch(/^3\.0\.\d$/);
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

it("requires relatedParty in the Complaint create schema", () => {
  const schemas = (buildOpenApi(model) as Doc).components.schemas;
  expect(schemas.TroubleTicket_Create_Complaint.required).toContain("relatedParty");
  expect(schemas.TroubleTicket_Create_Complaint.required).toContain("ticketType");
});

it("requires the R cells and leaves the prohibited and unsupported fields out of a create schema", () => {
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
    expect(s.properties).not.toHaveProperty(gone);
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
