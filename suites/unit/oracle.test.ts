// The filter oracle (docs/rules.md §7) and the event oracle (docs/rules.md §6) on small, known data.
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { eventKey, expectedEvents } from "../model/event-oracle.ts";
import { type Clause, evaluate, queryPairs } from "../model/filter-oracle.ts";
import { inOffset } from "../model/formats.ts";
import { pathTo } from "../model/lifecycle-paths.ts";

const model = loadProfile();
const t = (id: string, creationDate: string, extra: Record<string, unknown> = {}) => ({
  id,
  creationDate,
  name: `n-${id}`,
  ...extra,
});
const set = [
  t("b", "2021-02-26T10:00:00Z"),
  t("a", "2021-02-26T10:00:00Z"),
  t("c", "2021-02-27T00:00:00.000Z", { name: "N-c" }),
  t("d", "2021-02-25T23:59:59Z", { resolutionDate: "2021-03-01T00:00:00Z" }),
];
const date = (op: Clause["op"], v: string): Clause => ({
  name: "creationDate",
  field: "creationDate",
  values: [v],
  style: "comma",
  ...(op ? { op } : {}),
});
const ids = (q: Clause[], extra = {}) => evaluate(model, set, { clauses: q, ...extra }).items.map((x) => x.id);

describe("filter oracle", () => {
  it("orders by creationDate descending, then id", () => expect(ids([])).toEqual(["c", "a", "b", "d"]));
  it("compares instants for gt, gte, lt, lte and eq", () => {
    expect(ids([date("gt", "2021-02-26T10:00:00Z")])).toEqual(["c"]);
    expect(ids([date("gte", "2021-02-26T10:00:00Z")])).toEqual(["c", "a", "b"]);
    expect(ids([date("lt", "2021-02-26T10:00:00Z")])).toEqual(["d"]);
    expect(ids([date("lte", "2021-02-26T11:00:00+01:00")])).toEqual(["a", "b", "d"]);
    expect(ids([date("eq", "2021-02-27T00:00:00Z")])).toEqual(["c"]);
  });
  it("reads a date alone as midnight UTC", () => expect(ids([date("gte", "2021-02-27")])).toEqual(["c"]));
  it("writes an instant in another UTC offset, which still compares as the same instant", () => {
    expect(inOffset("2021-02-26T12:00:00.123Z", 330)).toBe("2021-02-26T17:30:00.123+05:30");
    expect(inOffset("2021-02-26T01:00:00Z", -150)).toBe("2021-02-25T22:30:00.000-02:30");
    expect(ids([date(undefined, inOffset("2021-02-26T10:00:00Z", 330))])).toEqual(["a", "b"]);
  });
  it("matches strings exactly and case-sensitively, OR within a clause, AND across", () => {
    expect(ids([{ name: "name", field: "name", values: ["n-c"], style: "comma" }])).toEqual([]);
    expect(ids([{ name: "name", field: "name", values: ["n-a", "n-d"], style: "repeat" }])).toEqual(["a", "d"]);
    expect(
      ids([{ name: "name", field: "name", values: ["n-a", "n-d"], style: "comma" }, date("lt", "2021-02-26")]),
    ).toEqual(["d"]);
  });
  it("never matches a ticket without the field", () =>
    expect(
      ids([{ name: "resolutionDate", field: "resolutionDate", values: ["2000-01-01"], style: "comma", op: "gt" }]),
    ).toEqual(["d"]));
  it("counts all matches, then pages and projects", () => {
    const r = evaluate(model, set, { clauses: [], offset: 1, limit: 2, fields: ["name"] });
    expect(r.total).toBe(4);
    expect(r.items).toEqual([{ name: "n-a" }, { name: "n-b" }]);
  });
  it("writes OR lists as a,b or as a repeated parameter", () => {
    expect(
      queryPairs(model, {
        clauses: [{ name: "ticketSubType", field: "ticketSubtype", values: ["x", "y"], style: "repeat" }],
        limit: 2,
      }),
    ).toEqual([
      ["ticketSubType", "x"],
      ["ticketSubType", "y"],
      ["limit", "2"],
    ]);
  });
});

describe("event oracle", () => {
  const keys = (e: ReturnType<typeof expectedEvents>) => e.map(eventKey).sort();
  it("sends a status change and a resolved event on entering resolved, not an attribute change for what resolution sets", () => {
    expect(
      keys(
        expectedEvents(model, {
          statusChanges: [{ from: "inProgress", to: "resolved" }],
          changedFields: ["resolutionDate", "resolutionCode"],
        }),
      ),
    ).toEqual(["TroubleTicketResolvedEvent", "TroubleTicketStatusChangeEvent"]);
  });
  it("asks for note or attachment on entering pending", () => {
    expect(
      keys(expectedEvents(model, { statusChanges: [{ from: "inProgress", to: "pending" }], changedFields: [] })),
    ).toContain("TroubleTicketInformationRequiredEvent(attachment,note)");
  });
  it("sends one attribute change naming every changed field", () => {
    expect(keys(expectedEvents(model, { statusChanges: [], changedFields: ["name", "description"] }))).toEqual([
      "TroubleTicketAttributeValueChangeEvent(description,name)",
    ]);
  });
});

describe("lifecycle paths", () => {
  it("reaches closed by Nexera transitions and cancelled by the operator", () => {
    expect(pathTo(model, "closed", { provider: true, operator: true })?.map((s) => s.to)).toEqual([
      "acknowledged",
      "inProgress",
      "resolved",
      "closed",
    ]);
    expect(pathTo(model, "cancelled", { provider: false, operator: true })?.map((s) => `${s.by}:${s.to}`)).toEqual([
      "operator:cancelled",
    ]);
    expect(pathTo(model, "pending", { provider: false, operator: true })).toBeUndefined();
  });
});
