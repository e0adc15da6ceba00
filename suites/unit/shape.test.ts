// The suites' response checks on known values, without a target: the ticket and the
// Error body judged by the rule model's schemas, plus the values a case expects.
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { sampleTicket } from "../../simulator/model/sample.ts";
import type { Exchange } from "../http/client.ts";
import { ticketProblems } from "../model/shape.ts";
import { errorBodyProblems } from "../report/checks.ts";

const model = loadProfile();
const dateFields = model.root.fields.filter((f) => f.format === "date-time" && f.server !== undefined);

/** A ticket as a server returns it: a sample POST body plus what the server sets, by kind. */
function returned(): Record<string, unknown> {
  const t: Record<string, unknown> = { ...sampleTicket(model, model.defaultTicketType) };
  for (const f of model.root.fields) {
    if (f.server === "id") t[f.name] = "t-1";
    else if (f.server === "href") t[f.name] = `/${model.resource}/t-1`;
    else if (f.server === "initialStatus") t[f.name] = model.lifecycle.initial;
    else if (f.server === "default") t[f.name] ??= f.default;
    else if (f.server !== undefined) t[f.name] = "2021-02-26T10:00:00.000Z";
  }
  return t;
}

const answer = (status: number, json: unknown): Exchange => ({
  request: { method: "GET", url: "http://target/x", headers: {} },
  response: { status, headers: {}, text: JSON.stringify(json) ?? "", json },
  ms: 1,
});

describe("the returned ticket", () => {
  it("passes when it has every server-set field, well formed", () => {
    expect(ticketProblems(model, returned(), { status: model.lifecycle.initial })).toEqual([]);
  });

  it.each(dateFields.flatMap((f) => ["2021-02-30T10:00:00Z", "2021-02-29T00:00:00Z"].map((v) => [f.name, v])))(
    "rejects %s = %s, which names no real day, naming the field and the format",
    (field, value) => {
      expect(ticketProblems(model, { ...returned(), [field]: value })).toEqual([
        `${field} must be a date-time (got "${value}")`,
      ]);
    },
  );

  it("rejects a leap second and a date-time without its offset", () => {
    expect(ticketProblems(model, { ...returned(), creationDate: "2016-12-31T23:59:60Z" })).toEqual([
      'creationDate must be a date-time (got "2016-12-31T23:59:60Z")',
    ]);
    expect(ticketProblems(model, { ...returned(), lastUpdate: "2021-02-26T10:00:00" })).toEqual([
      'lastUpdate must be a date-time (got "2021-02-26T10:00:00")',
    ]);
  });

  it("rejects a missing server-set field, an unsupported one and an empty id", () => {
    const { href: _, ...t } = returned();
    expect(ticketProblems(model, { ...t, id: "", channel: {} })).toEqual([
      "href is required",
      "id must not be empty",
      "channel must not be present",
    ]);
  });

  it("rejects a ticket whose status or ticket type is not the one the case expects", () => {
    const t = { ...returned(), ticketType: "Complaint" };
    expect(ticketProblems(model, t, { status: "acknowledged", ticketType: model.defaultTicketType })).toEqual([
      `status should be acknowledged, is "${model.lifecycle.initial}"`,
      `ticketType should be ${model.defaultTicketType}, is "Complaint"`,
    ]);
  });

  it("rejects a body that is not an object", () => {
    expect(ticketProblems(model, [])).toEqual(["the ticket must be an object (got [])"]);
    expect(ticketProblems(model, null)).toEqual(["the ticket must be an object (got null)"]);
  });
});

describe("the Error body", () => {
  const error = { code: "INVALID_BODY", reason: "Invalid request body", message: "name is required", "@type": "Error" };

  it("passes with the five members and the answer's own status", () => {
    expect(errorBodyProblems(model, answer(400, { ...error, status: "400" }))).toEqual([]);
  });

  it("rejects a status that is not the answer's, and a numeric one", () => {
    expect(errorBodyProblems(model, answer(404, { ...error, status: "400" }))).toEqual([
      'Error.status should be "404", is "400"',
    ]);
    expect(errorBodyProblems(model, answer(400, { ...error, status: 400 }))).toEqual([
      "Error.status must be a string (got 400)",
    ]);
  });

  it("rejects a missing member, an empty one and another @type", () => {
    const { reason: _, ...rest } = error;
    expect(errorBodyProblems(model, answer(400, { ...rest, code: "", status: "400", "@type": "Failure" }))).toEqual([
      "Error.reason is required",
      "Error.code must not be empty",
      'Error.@type must be "Error" (got "Failure")',
    ]);
  });

  it("rejects a body that is not JSON", () => {
    expect(errorBodyProblems(model, answer(500, undefined))).toEqual(["the body is not JSON"]);
  });
});
