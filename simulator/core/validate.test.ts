import { describe, expect, it } from "vitest";
import { loadProfile } from "../model/load.ts";
import type { FieldModel, Operation } from "../model/model.ts";
import { cellOf } from "../model/model.ts";
import { sampleTicket, sampleValue } from "../model/sample.ts";
import { compileValidators, describeViolations, MAX_LISTED_VIOLATIONS } from "./validate.ts";

const model = loadProfile();
const v = compileValidators(model);

function check(ticketType: string, op: Operation, body: Record<string, unknown>) {
  return op === "POST" ? v.create(body).violations : v.patch(ticketType, body);
}
function base(ticketType: string, op: Operation): Record<string, unknown> {
  return op === "POST" ? sampleTicket(model, ticketType) : {};
}
const fixedCells = model.ticketTypes.flatMap((t) =>
  model.operations.flatMap((op) =>
    model.root.fields.flatMap((f) => {
      const c = cellOf(f, t, op);
      return c.rule === "PD" ? [] : [{ t, op, f, rule: c.rule }];
    }),
  ),
);

describe("a minimal body built from the profile", () => {
  for (const t of model.ticketTypes)
    it(`is valid for ${t} POST and PATCH`, () => {
      expect(v.create(sampleTicket(model, t))).toEqual({ ticketType: t, violations: [] });
      expect(v.patch(t, {})).toEqual([]);
    });
});

describe("every fixed rule cell of the root object", () => {
  for (const { t, op, f, rule } of fixedCells) {
    const name = `${f.name} (${rule}) for ${t} ${op}`;
    if (rule === "R")
      it(`rejects a body without ${name}`, () => {
        const body = base(t, op);
        delete body[f.name];
        expect(check(t, op, body)).toContainEqual(
          expect.objectContaining({
            path: f.name,
            rule: `${f.name} is required for ${t} ${op}`,
            message: `${f.name} is required for ${t} ${op}`,
            provenance: f.cells[t]?.[op]?.provenance,
          }),
        );
      });
    if (rule === "P" || rule === "-")
      it(`rejects a body with ${name}`, () => {
        const body = { ...base(t, op), [f.name]: sampleValue(model, f, t, op) };
        const found = check(t, op, body).filter((x) => x.path === f.name);
        expect(found).toHaveLength(1);
        expect(found[0]?.message).toMatch(rule === "P" ? /is prohibited for/ : /is not supported by this profile/);
      });
    if (rule === "O")
      it(`accepts a body with and without ${name}`, () => {
        const without = base(t, op);
        delete without[f.name];
        // Without ticketType a body is judged as the default type, so that half only holds for it.
        if (f.name !== model.ticketTypeField || t === model.defaultTicketType)
          expect(check(t, op, without)).toEqual([]);
        const value = f.name === model.ticketTypeField ? t : sampleValue(model, f, t, op);
        expect(check(t, op, { ...without, [f.name]: value })).toEqual([]);
      });
  }
});

describe("process-dependent rules", () => {
  it("requires statusChangeReason when a PATCH sets status, and prohibits it otherwise", () => {
    expect(v.patch("Complaint", { status: "cancelled", statusChangeReason: "no longer needed" })).toEqual([]);
    expect(describeViolations(v.patch("Complaint", { status: "cancelled" }))).toMatch(
      /^statusChangeReason is required for Complaint PATCH/,
    );
    expect(describeViolations(v.patch("Complaint", { statusChangeReason: "x" }))).toMatch(
      /^statusChangeReason is prohibited for Complaint PATCH/,
    );
  });

  it("requires relatedEntity on a Financial Complaint and not on other subtypes", () => {
    const body = sampleTicket(model, "Complaint");
    delete body.relatedEntity;
    expect(v.create({ ...body, ticketSubtype: "Financial" }).violations.map((x) => x.path)).toEqual(["relatedEntity"]);
    expect(v.create({ ...body, ticketSubtype: "Activation" }).violations).toEqual([]);
  });

  it("checks a PATCH status against the enumeration of states", () => {
    expect(v.patch("Customer_Trouble_Ticket", { status: "done", statusChangeReason: "x" })[0]?.message).toMatch(
      /^status must be one of/,
    );
  });
});

describe("sub-resources", () => {
  it("names the index and the rule of a missing sub-field", () => {
    const body = sampleTicket(model, "Complaint");
    body.relatedParty = [
      { id: "p1", "@referredType": "Organization", role: "reporter" },
      { id: "p2", "@referredType": "Individual" },
    ];
    expect(v.create(body).violations).toEqual([
      expect.objectContaining({
        path: "relatedParty[1].role",
        rule: "relatedParty[].role is required for Complaint POST",
        message: "relatedParty[1].role is required for Complaint POST",
      }),
    ]);
  });

  it("keeps the given value out of the rule text, so violations group by rule", () => {
    const [a, b] = ["Urgent", "Whenever"].map((severity) => v.patch("Complaint", { severity })[0]);
    expect(a?.message).toContain('"Urgent"');
    expect(a?.rule).toBe(b?.rule);
    expect(a?.rule).toBe(`severity must be one of ${model.enums.get("severity")?.join(", ")}`);
  });

  it("rejects a note carrying the server-stamped date, on PATCH too", () => {
    expect(v.patch("Customer_Trouble_Ticket", { note: [{ text: "hi", date: "2021-01-01T00:00:00Z" }] })).toEqual([
      expect.objectContaining({
        path: "note[0].date",
        rule: "note[].date is prohibited for Customer_Trouble_Ticket PATCH",
        message: "note[0].date is prohibited for Customer_Trouble_Ticket PATCH",
      }),
    ]);
  });

  it("rejects an attachment by reference and one without content", () => {
    const paths = v
      .patch("Complaint", { attachment: [{ name: "a.png", mimeType: "image/png", url: "https://x/a.png" }] })
      .map((x) => x.path);
    expect(paths).toEqual(["attachment[0].content", "attachment[0].url"]);
  });
});

describe("values", () => {
  const ctt = () => sampleTicket(model, "Customer_Trouble_Ticket");
  it.each([
    ["name", 42, "name must be a string"],
    ["severity", "Critical", 'severity must be one of High, Medium, Low (got "Critical")'],
    ["ticketType", "Incident", 'ticketType must be one of Customer_Trouble_Ticket, Complaint (got "Incident")'],
    ["relatedParty", {}, "relatedParty must be an array"],
    ["relatedParty", [], "relatedParty must have at least 1 item(s)"],
    ["relatedParty", ["x"], "relatedParty[0] must be an object"],
    ["name", null, "name must be a string"],
  ])("rejects %s = %j", (field, value, message) => {
    expect(v.create({ ...ctt(), [field]: value }).violations.map((x) => x.message)).toContain(message);
  });

  it("checks formats of sub-fields", () => {
    const msgs = v.patch("Complaint", { attachment: [{ name: "a", mimeType: "text/plain", content: "not base64!" }] });
    expect(msgs.map((x) => x.message)).toEqual(["attachment[0].content must be a valid base64"]);
  });

  it("checks the priority range on the control interface", () => {
    expect(v.provider("Complaint", { priority: 0 })[0]?.message).toBe("priority must be between 1 and 10 (got 0)");
    expect(v.provider("Complaint", { priority: 10, expectedResolutionDate: "2021-13-40" }).map((x) => x.path)).toEqual([
      "expectedResolutionDate",
    ]);
  });

  it("accepts date-times with offsets and fractions, and rejects dates alone", () => {
    const f = model.root.byName.get("expectedResolutionDate") as FieldModel;
    expect(v.provider("Complaint", { [f.name]: "2021-02-26T10:00:00.123+01:00" })).toEqual([]);
    expect(v.provider("Complaint", { [f.name]: "2021-02-26" })).toHaveLength(1);
  });
});

describe("the whole request", () => {
  it("lists every violation, not only the first", () => {
    const out = v.create({ ticketType: "Complaint", id: "x", foo: 1, relatedParty: [{}] });
    expect(out.violations.map((x) => x.path)).toEqual([
      "foo",
      "id",
      "ticketSubtype",
      "name",
      "description",
      "relatedParty[0].id",
      "relatedParty[0].@referredType",
      "relatedParty[0].role",
    ]);
  });

  it("judges a body with an unknown ticketType by the default type's rules", () => {
    const out = v.create({ ...sampleTicket(model, "Customer_Trouble_Ticket"), ticketType: "Nope" });
    expect(out.ticketType).toBe(model.defaultTicketType);
    expect(out.violations.map((x) => x.path)).toEqual(["ticketType"]);
  });

  it.each([[null], [[]], ["text"], [3]])("rejects a body that is not an object: %j", (body) => {
    expect(v.create(body).violations).toEqual([
      { path: "", rule: "the request body must be a JSON object", message: "the request body must be a JSON object" },
    ]);
    expect(v.patch("Complaint", body)).toHaveLength(1);
  });

  it("rejects control fields the profile does not give to Nexera", () => {
    expect(v.provider("Complaint", { status: "closed" })[0]?.message).toMatch(
      /^status cannot be set through the control interface/,
    );
  });
});

it("lists at most MAX_LISTED_VIOLATIONS violations in the message and counts the rest", () => {
  const out = v.create({
    ...sampleTicket(model, model.defaultTicketType),
    note: Array(MAX_LISTED_VIOLATIONS + 50).fill(0),
  });
  expect(out.violations).toHaveLength(MAX_LISTED_VIOLATIONS + 50);
  const text = describeViolations(out.violations);
  expect(text.split("; ")).toHaveLength(MAX_LISTED_VIOLATIONS + 1);
  expect(text).toMatch(/; and 50 more violation\(s\) of the same request$/);
});

it.each([
  "2021-02-30T00:00:00Z",
  "2021-04-31T10:00:00Z",
  "2021-01-01T24:00:00Z",
  "2021-13-01T00:00:00Z",
  "2021-01-01T00:60:00Z",
])("refuses the date-time %s, which names no real instant", (s) => {
  expect(v.provider(model.defaultTicketType, { expectedResolutionDate: s })[0]?.message).toMatch(
    /expectedResolutionDate must be a valid date-time/,
  );
});

it("takes a real instant as a date-time", () => {
  expect(v.provider(model.defaultTicketType, { expectedResolutionDate: "2024-02-29T00:00:00.123+02:00" })).toEqual([]);
});
