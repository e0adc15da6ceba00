// The API's JSON parser (content.ts): each refused body gets a message that says what
// was wrong with it (docs/rules.md §2). Valid JSON holding a prototype-poisoning key
// was once answered "the request body is not valid JSON", which sends a client looking
// for a syntax error that is not there.
import { expect, it } from "vitest";
import { ApiError } from "../core/errors.ts";
import { MAX_BODY_DEPTH } from "../model/limits.ts";
import { sampleTicket } from "../model/sample.ts";
import { bodyHazard, parseJsonBody } from "./content.ts";
import { ALICE, basic, build, call, model, TICKETS } from "./testing.ts";

/** The ApiError parseJsonBody throws for a body, as its code and message. */
function refusal(text: string): { code: string; message: string } {
  try {
    parseJsonBody(Buffer.from(text));
  } catch (e) {
    if (e instanceof ApiError) return { code: e.body().code, message: e.body().message };
    throw e;
  }
  throw new Error(`accepted: ${text}`);
}

it.each([
  ['{"__proto__":{"a":1}}', /key "__proto__" at the top level, which could poison prototypes/],
  ['{"\\u005f_proto__":{"a":1}}', /key "__proto__" at the top level/],
  ['{"constructor":{"prototype":{"a":1}}}', /key "constructor" with a "prototype" at the top level/],
  ['{"note":[{"text":"x"},{"__proto__":null}]}', /key "__proto__" in note\[1\]/],
  ['{"a":{"b":{"constructor":{"prototype":1}}}}', /"constructor" with a "prototype" in a\.b/],
  ['{"note":[{"text":"x","a":{"__proto__":1}}]}', /"__proto__" in note\[0\]\.a,/],
])("names the prototype-poisoning key of %s and where it is, as a body error, not a JSON one", (text, message) => {
  const r = refusal(text);
  expect(r.code).toBe("INVALID_BODY");
  expect(r.message).toMatch(message);
  expect(r.message).not.toMatch(/not valid JSON/);
});

it("takes a constructor key that is no prototype's way in, like any other field", () => {
  expect(parseJsonBody(Buffer.from('{"constructor":1,"prototype":{"a":1}}'))).toEqual({
    constructor: 1,
    prototype: { a: 1 },
  });
  expect(bodyHazard({ constructor: { name: "x" } }, MAX_BODY_DEPTH)).toBeUndefined();
});

it.each([
  ["", /is empty; a JSON object is expected/],
  [" \r\n\t", /holds only whitespace; a JSON object is expected/],
  ['{"name": ', /not valid JSON: .+/],
  ["{'name':'x'}", /not valid JSON: .+/],
  ['{"a":"\u0001"}', /not valid JSON: .+/],
])("says what is wrong with %j", (text, message) => {
  const r = refusal(text);
  expect(r.code).toBe("MALFORMED_JSON");
  expect(r.message).toMatch(message);
});

it("names the depth and the place past it", () => {
  const deep = `{"x":${"[".repeat(MAX_BODY_DEPTH)}${"]".repeat(MAX_BODY_DEPTH)}}`;
  expect(refusal(deep).message).toMatch(new RegExp(`deeper than ${MAX_BODY_DEPTH} levels \\(at x(\\[0\\])+\\)`));
  const fits = `{"x":${"[".repeat(MAX_BODY_DEPTH - 1)}${"]".repeat(MAX_BODY_DEPTH - 1)}}`;
  expect(() => parseJsonBody(Buffer.from(fits))).not.toThrow();
});

it("answers a POST of valid JSON with __proto__ with 400 naming the key, over HTTP", async () => {
  const app = build();
  const raw = JSON.stringify(sampleTicket(model, model.defaultTicketType)).replace(/^\{/, '{"__proto__":{"a":1},');
  const r = await call(app, { method: "POST", url: TICKETS, auth: basic(ALICE), raw });
  expect(r.statusCode).toBe(400);
  expect(r.json()).toMatchObject({ code: "INVALID_BODY", status: "400" });
  expect(r.json().message).toMatch(/"__proto__" at the top level/);
});

it("quotes a huge wrong value in an Error message cut short, so the answer never echoes the request", async () => {
  const app = build();
  const body = { ...sampleTicket(model, model.defaultTicketType), ticketType: "A".repeat(500_000) };
  const posted = await call(app, { method: "POST", url: TICKETS, auth: basic(ALICE), body });
  expect(posted.statusCode).toBe(400);
  expect(posted.json().message).toMatch(/ticketType must be one of .* \(got "A{70,}\.\.\.\)/);
  expect(posted.body.length).toBeLessThan(1000);
  const listed = await call(app, {
    method: "GET",
    url: `${TICKETS}?creationDate.gt=${"9".repeat(8000)}`,
    auth: basic(ALICE),
  });
  expect(listed.statusCode).toBe(400);
  expect(listed.body.length).toBeLessThan(1000);
});
