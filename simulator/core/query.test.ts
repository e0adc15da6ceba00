import { describe, expect, it } from "vitest";
import { isUnsupported } from "../model/model.ts";
import { ApiError } from "./errors.ts";
import { compileQuery, type Match, project } from "./query.ts";
import { errorOf, model } from "./testing.ts";

const parser = compileQuery(model);
const dateFilters = model.filterFieldList.filter((f) => f.field.format === "date-time");
const exactFilters = model.filterFieldList.filter((f) => f.operators.length === 0);
const { fields: FIELDS, offset: OFFSET, limit: LIMIT } = model.reserved;

const only = (q: Record<string, string | string[]>): Match => {
  const { matches } = parser.list(q);
  expect(matches).toHaveLength(1);
  return matches[0] as Match;
};
const badQuery = (fn: () => unknown) => {
  const e = errorOf(fn);
  expect(e.kind).toBe("badQuery");
  return e.message;
};

describe("filters", () => {
  it.each(model.filterFieldList.flatMap((f) => f.names.map((n) => [n, f.field.name] as const)))(
    "accepts filter parameter %s for field %s",
    (name, field) => {
      expect(only({ [name]: "2021-01-01" }).field).toBe(field);
    },
  );

  it("treats the alias ticketSubType as the field ticketSubtype", () => {
    expect(only({ ticketSubType: "Financial" })).toEqual({
      kind: "exact",
      field: "ticketSubtype",
      values: new Set(["Financial"]),
    });
  });

  it("reads a comma list as OR over its values", () => {
    expect(only({ name: "a,b" })).toMatchObject({ values: new Set(["a", "b"]) });
  });

  it("reads a repeated parameter as OR over all its values", () => {
    expect(only({ name: ["a", "b,c"] })).toMatchObject({ values: new Set(["a", "b", "c"]) });
  });

  it("keeps different parameters as separate matches, which AND together", () => {
    const { matches } = parser.list({ name: "a", ticketType: "Complaint" });
    expect(matches.map((m) => m.field).sort()).toEqual(["name", "ticketType"]);
  });

  it("keeps exact values case-sensitive", () => {
    expect(only({ name: "Abc" })).toMatchObject({ values: new Set(["Abc"]) });
  });

  it.each(dateFilters.flatMap((f) => f.operators.map((op) => [`${f.names[0]}.${op}`, op] as const)))(
    "parses %s as a %s comparison of instants",
    (name, op) => {
      expect(only({ [name]: "2021-01-02T03:04:05Z" })).toMatchObject({
        kind: "compare",
        tests: [{ op, value: Date.UTC(2021, 0, 2, 3, 4, 5) }],
      });
    },
  );

  it("reads a plain date-time parameter as equality of instants", () => {
    expect(only({ creationDate: "2021-01-01T01:00:00+01:00" })).toMatchObject({
      tests: [{ op: "eq", value: Date.UTC(2021, 0, 1) }],
    });
  });

  it("reads an OR list of date-time values as one comparison per value", () => {
    expect(only({ "creationDate.lt": "2021-01-01,2022-01-01" })).toMatchObject({
      tests: [
        { op: "lt", value: Date.UTC(2021, 0, 1) },
        { op: "lt", value: Date.UTC(2022, 0, 1) },
      ],
    });
  });

  it("rejects a comparison suffix on an exact-match field, naming the parameter", () => {
    expect(exactFilters.length).toBeGreaterThan(0);
    const name = `${exactFilters[0]?.names[0]}.gt`;
    expect(badQuery(() => parser.list({ [name]: "x" }))).toContain(name);
  });

  it("rejects an unknown comparison suffix", () => {
    expect(badQuery(() => parser.list({ "creationDate.after": "2021-01-01" }))).toContain("creationDate.after");
  });

  it("rejects an unknown parameter, naming it as an unknown filter parameter", () => {
    expect(badQuery(() => parser.list({ colour: "red" }))).toContain("unknown filter parameter colour");
  });

  it("names the broken rule and the parameter in the error's violations", () => {
    let error: ApiError | undefined;
    try {
      parser.list({ offset: "-1" });
    } catch (e) {
      if (e instanceof ApiError) error = e;
    }
    expect(error?.violations).toEqual([
      { rule: "offset must be a non-negative integer", path: "offset", message: expect.stringContaining('"-1"') },
    ]);
  });

  it("rejects the status parameter, which is not among the profile's filters", () => {
    expect(model.filterFields.has(model.lifecycle.field)).toBe(false);
    expect(badQuery(() => parser.list({ [model.lifecycle.field]: "submitted" }))).toContain(model.lifecycle.field);
  });

  it.each([
    "yesterday",
    "2021-02-30",
    "2021-13-01",
    "2021-01-01T24:00:00Z",
    "2021-01-01T10:00:00",
    "2021-01-01T10:00Z",
    "",
  ])("rejects the unparsable date-time %j", (v) => {
    expect(badQuery(() => parser.list({ "lastUpdate.gte": v }))).toContain("lastUpdate.gte");
  });

  it("ignores a parameter whose value is undefined", () => {
    expect(parser.list({ name: undefined as unknown as string }).matches).toEqual([]);
  });
});

describe("paging", () => {
  it("defaults offset to 0 and limit to the profile's default", () => {
    expect(parser.list({})).toEqual({ matches: [], offset: 0, limit: model.limit.default });
  });

  it("reads offset and limit", () => {
    expect(parser.list({ [OFFSET]: "20", [LIMIT]: "5" })).toMatchObject({ offset: 20, limit: 5 });
  });

  it("accepts a limit of 0", () => {
    expect(parser.list({ [LIMIT]: "0" }).limit).toBe(0);
  });

  it("clamps a limit over the maximum to the maximum", () => {
    expect(parser.list({ [LIMIT]: String(model.limit.max + 1) }).limit).toBe(model.limit.max);
  });

  it.each(["-1", "1.5", "1e3", "ten", "", " 5", "99999999999999999999"])("rejects the limit %j", (v) => {
    expect(badQuery(() => parser.list({ [LIMIT]: v }))).toContain(LIMIT);
  });

  it.each(["-1", "abc", "0x10"])("rejects the offset %j", (v) => {
    expect(badQuery(() => parser.list({ [OFFSET]: v }))).toContain(OFFSET);
  });

  it("rejects a repeated limit", () => {
    expect(badQuery(() => parser.list({ [LIMIT]: ["1", "2"] }))).toContain(LIMIT);
  });
});

describe("fields", () => {
  it("reads the requested attributes, without repeats", () => {
    expect(parser.list({ [FIELDS]: "name,id", other: undefined as unknown as string }).fields).toEqual(["name", "id"]);
    expect(parser.list({ [FIELDS]: ["name", "name,status"] }).fields).toEqual(["name", "status"]);
  });

  it("rejects an attribute the resource does not have, naming it", () => {
    expect(badQuery(() => parser.list({ [FIELDS]: "name,colour" }))).toContain('"colour"');
  });

  it("rejects an attribute the profile does not support", () => {
    const unsupported = model.root.fields.find(isUnsupported);
    expect(unsupported).toBeDefined();
    expect(badQuery(() => parser.list({ [FIELDS]: String(unsupported?.name) }))).toContain(String(unsupported?.name));
  });

  it("rejects an empty attribute name", () => {
    badQuery(() => parser.list({ [FIELDS]: "name," }));
  });

  it("takes fields on a single read", () => {
    expect(parser.get({ [FIELDS]: "id,status" })).toEqual({ fields: ["id", "status"] });
    expect(parser.get({})).toEqual({});
  });

  it("rejects a filter on a single read", () => {
    expect(badQuery(() => parser.get({ name: "x" }))).toContain('"name"');
  });

  it("projects exactly the requested attributes the ticket has, adding no id", () => {
    expect(project({ id: "1", name: "n", description: "d" }, ["name", "resolutionDate"])).toEqual({ name: "n" });
  });

  it("returns the ticket itself when no fields are asked for", () => {
    const t = { id: "1" };
    expect(project(t, undefined)).toBe(t);
  });
});
