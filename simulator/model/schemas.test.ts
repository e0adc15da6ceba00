import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, DEFAULT_PROFILE, FIXTURES, loadProfile } from "./load.ts";
import type { Model, Operation } from "./model.ts";
import { cellOf, isUnsupported } from "./model.ts";
import { sampleTicket } from "./sample.ts";
import { schemaProblems, schemaValidator } from "./schema-check.ts";
import { bodyName, eventName, requestName, SCHEMA, ticketName } from "./schema-names.ts";

const model = loadProfile();
const VARIANTS = resolve(FIXTURES, "profile/variants");
const profiles: Array<[string, Model]> = [
  ["nexera", model],
  ...readdirSync(VARIANTS).map((f) => [f, loadProfile(resolve(VARIANTS, f))] as [string, Model]),
];

type Obj = { properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean };
const def = (m: Model, name: string) => m.schemas.$defs[name] as unknown as Obj;
const messages = (m: Model, name: string, value: unknown) => schemaProblems(m, name, value).map((p) => p.message);

/** A ticket as a server returns it: a sample POST body plus what the server sets, by kind. */
function returned(m: Model, ticketType = m.defaultTicketType): Record<string, unknown> {
  const t: Record<string, unknown> = { ...sampleTicket(m, ticketType) };
  for (const f of m.root.fields) {
    if (f.server === "id") t[f.name] = "t-1";
    else if (f.server === "href") t[f.name] = `/${m.resource}/t-1`;
    else if (f.server === "initialStatus") t[f.name] = m.lifecycle.initial;
    else if (f.server === "default") t[f.name] ??= f.default;
    else if (f.server !== undefined) t[f.name] = "2021-02-26T10:00:00.000Z";
  }
  return t;
}

describe.each(profiles)("the schemas of %s", (_name, m) => {
  it("compile, every one of them", () => {
    for (const name of Object.keys(m.schemas.$defs)) expect(schemaValidator(m, name), name).toBeTypeOf("function");
  });

  it("take a ticket as the server returns it", () => {
    expect(messages(m, ticketName(m), returned(m))).toEqual([]);
  });

  it("require every server-set field and refuse every unsupported field of the returned ticket", () => {
    const s = def(m, ticketName(m));
    for (const f of m.root.fields) {
      expect(s.required?.includes(f.name) ?? false, f.name).toBe(f.server !== undefined);
      if (isUnsupported(f)) expect(s.properties[f.name], f.name).toBe(false);
    }
    expect(s.additionalProperties === false).toBe(m.rejectUnknownFields);
  });

  it("follow each plain cell of each request column: R required, P and - refused, O allowed", () => {
    for (const t of m.ticketTypes)
      for (const op of m.operations) {
        const s = def(m, requestName(m, t, op));
        for (const f of m.root.fields) {
          const cell = cellOf(f, t, op);
          if (cell.rule === "PD") continue;
          const at = `${t} ${op} ${f.name}`;
          expect(s.required?.includes(f.name) ?? false, at).toBe(cell.rule === "R");
          if (cell.rule === "P" || cell.rule === "-") expect(s.properties[f.name], at).toBe(false);
          else expect(s.properties[f.name], at).toBeTypeOf("object");
        }
      }
  });

  it("take each sample POST body by its own column and through the POST dispatcher", () => {
    for (const t of m.ticketTypes) {
      expect(messages(m, requestName(m, t, "POST"), sampleTicket(m, t)), t).toEqual([]);
      expect(messages(m, bodyName(m, "POST"), sampleTicket(m, t)), t).toEqual([]);
    }
  });

  it("take every event of the profile with its ticket, and refuse one without eventTime", () => {
    for (const r of m.events.rules) {
      const event = {
        eventId: "e-1",
        eventTime: "2021-02-26T10:00:00Z",
        eventType: r.eventType,
        ...(r.on === "attributeChange" || r.fieldPath ? { fieldPath: r.fieldPath ?? m.idField } : {}),
        event: { [m.events.payloadKey]: returned(m) },
      };
      expect(messages(m, SCHEMA.event, event), r.eventType).toEqual([]);
      const { eventTime: _, ...untimed } = event;
      expect(messages(m, SCHEMA.event, untimed)).toEqual(["eventTime is required"]);
    }
  });
});

describe("the returned ticket", () => {
  it.each(["2021-02-30T10:00:00Z", "2021-02-29T00:00:00Z"])(
    "is refused with a creationDate of %s, naming the field and the format",
    (s) => {
      expect(messages(model, ticketName(model), { ...returned(model), creationDate: s })).toEqual([
        `creationDate must be a date-time (got "${s}")`,
      ]);
    },
  );

  it("is refused with a server-set field missing, an unsupported field, an unknown one and a nested problem", () => {
    const { lastUpdate: _, ...t } = returned(model);
    const problems = messages(model, ticketName(model), {
      ...t,
      channel: { id: "c" },
      colour: "red",
      note: [{ text: "hi" }],
      priority: 11,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "lastUpdate is required",
        "channel must not be present",
        "colour is not a field of TroubleTicket",
        "note[0].date is required",
        "priority must be <= 10 (got 11)",
      ]),
    );
  });
});

describe("the request bodies", () => {
  const update = (body: unknown) => messages(model, bodyName(model, "PATCH"), body);

  it("require statusChangeReason with a status and refuse it alone (a PD condition on its sibling)", () => {
    expect(update({ status: "cancelled", statusChangeReason: "not needed" })).toEqual([]);
    expect(update({ status: "cancelled" })).toEqual(["statusChangeReason is required"]);
    expect(update({ statusChangeReason: "why" })).toEqual(["statusChangeReason must not be present"]);
  });

  it("limit a PATCH status to the states an operator may ask for", () => {
    const targets = [...new Set(model.lifecycle.operator.map((t) => t.to))];
    expect(update({ status: "acknowledged", statusChangeReason: "r" })).toEqual([
      `status must be one of ${targets.join(", ")} (got "acknowledged")`,
    ]);
  });

  it("require relatedEntity on a Financial Complaint only (a PD condition with values)", () => {
    const { relatedEntity: _, ...body } = sampleTicket(model, "Complaint");
    const create = (b: unknown) => messages(model, bodyName(model, "POST"), b);
    expect(create({ ...body, ticketSubtype: "Financial" })).toEqual(["relatedEntity is required"]);
    expect(create({ ...body, ticketSubtype: "Maintenance" })).toEqual([]);
  });

  it("judge a POST without a known ticket type by the default type's rules, and report the unknown type", () => {
    const { severity: _, ...body } = sampleTicket(model, "Complaint");
    const create = (b: unknown) => messages(model, bodyName(model, "POST"), b);
    expect(create(body)).toEqual([]);
    expect(create({ ...body, ticketType: undefined })).toEqual(["severity is required"]);
    expect(create({ ...body, ticketType: "Incident" })).toEqual([
      "severity is required",
      `ticketType must be one of ${model.ticketTypes.join(", ")} (got "Incident")`,
    ]);
  });

  it("name every problem of a body by its path", () => {
    const body = { ...sampleTicket(model, "Complaint"), relatedParty: [{ id: "p", role: 3 }], id: "x" };
    expect(messages(model, requestName(model, "Complaint", "POST" as Operation), body)).toEqual([
      "id must not be present",
      "relatedParty[0].@referredType is required",
      "relatedParty[0].role must be a string (got 3)",
    ]);
  });
});

describe("the envelopes and bodies around the ticket", () => {
  const event = (over: Record<string, unknown>) => ({
    eventId: "e-1",
    eventTime: "2021-02-26T10:00:00Z",
    eventType: "TroubleTicketAttributeValueChangeEvent",
    fieldPath: "name",
    event: { troubleTicket: returned(model) },
    ...over,
  });

  it("require fieldPath where every rule of the event type sends one", () => {
    const required = (t: string) => def(model, eventName(t)).required?.includes("fieldPath") ?? false;
    expect(required("TroubleTicketAttributeValueChangeEvent")).toBe(true);
    expect(required("TroubleTicketInformationRequiredEvent")).toBe(true);
    expect(required("TroubleTicketStatusChangeEvent")).toBe(false);
  });

  it("refuse a fieldPath naming a field the ticket does not have, an unknown event type and a bad eventTime", () => {
    expect(messages(model, SCHEMA.event, event({ fieldPath: "name, colour" }))).toEqual([
      'fieldPath must be comma-separated TroubleTicket fields (got "name, colour")',
    ]);
    expect(messages(model, SCHEMA.event, event({ eventType: "TroubleTicketCreateEvent" }))[0]).toMatch(
      /^eventType must be one of TroubleTicketStatusChangeEvent, .* \(got "TroubleTicketCreateEvent"\)$/,
    );
    expect(messages(model, SCHEMA.event, event({ eventTime: "2021-02-29T00:00:00Z" }))).toEqual([
      'eventTime must be a date-time (got "2021-02-29T00:00:00Z")',
    ]);
  });

  it("require an absolute URI as the hub callback and refuse other keys", () => {
    expect(messages(model, SCHEMA.hubInput, { callback: "https://op.example/cb", query: "eventType=X" })).toEqual([]);
    expect(messages(model, SCHEMA.hubInput, { callback: "/cb", colour: 1 })).toEqual([
      "colour is not a field of a hub subscription (callback, query)",
      'callback must be a URI (got "/cb")',
    ]);
    expect(messages(model, SCHEMA.hubSubscription, { callback: "https://op.example/cb" })).toEqual(["id is required"]);
  });

  it("require the five members of the TMF Error body", () => {
    expect(
      messages(model, SCHEMA.error, { code: "X", reason: "r", message: "m", status: "400", "@type": "Error" }),
    ).toEqual([]);
    expect(messages(model, SCHEMA.error, { code: "", status: 400, "@type": "Err" })).toEqual([
      "reason is required",
      "message is required",
      "code must not be empty",
      "status must be a string (got 400)",
      '@type must be "Error" (got "Err")',
    ]);
  });

  it("allow a control transition to a state of the profile, with a reason, and nothing else", () => {
    expect(messages(model, SCHEMA.controlStatus, { status: "acknowledged", reason: "seen" })).toEqual([]);
    expect(messages(model, SCHEMA.controlStatus, { status: "done", why: 1 })).toEqual([
      "why is not a field of a control transition (status, reason)",
      `status must be one of ${model.lifecycle.states.join(", ")} (got "done")`,
    ]);
  });

  it("allow the providerFields only in a control PATCH, each judged by its own rules", () => {
    const first = model.providerFields[0] as string;
    expect(messages(model, SCHEMA.controlPatch, { priority: 1, note: [{ text: "n" }] })).toEqual([]);
    const problems = messages(model, SCHEMA.controlPatch, { name: "x", priority: 0 });
    expect(problems[0]).toMatch(new RegExp(`^name is not a field of the control PATCH \\(${first}, `));
    expect(problems[1]).toBe("priority must be >= 1 (got 0)");
  });
});

describe("derivation", () => {
  it("happens once, at load: the schemas are frozen with the model and a copy of the model shares the validators", () => {
    expect(Object.isFrozen(model.schemas.$defs)).toBe(true);
    const copy = Object.freeze({ ...model, basePath: "/elsewhere" });
    expect(schemaValidator(copy, ticketName(model))).toBe(schemaValidator(model, ticketName(model)));
  });

  it("follows a changed rule of the profile", () => {
    const file = JSON.parse(readFileSync(DEFAULT_PROFILE, "utf8"));
    file.objects.TroubleTicket.fields.relatedParty.rules.Complaint.POST = "O";
    const changed = buildModel(file, "(changed copy)");
    expect(def(model, requestName(model, "Complaint", "POST")).required).toContain("relatedParty");
    expect(def(changed, requestName(changed, "Complaint", "POST")).required).not.toContain("relatedParty");
  });
});
