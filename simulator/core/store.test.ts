import { describe, expect, it } from "vitest";
import { compileQuery, type Query } from "./query.ts";
import { createStore, type Ticket } from "./store.ts";
import { model } from "./testing.ts";

const parser = compileQuery(model);
const iso = (min: number) => new Date(Date.UTC(2021, 0, 1, 0, min)).toISOString();
const ticket = (id: string, min: number, extra: Ticket = {}): Ticket => ({
  id,
  creationDate: iso(min),
  lastUpdate: iso(min),
  ticketType: "Customer_Trouble_Ticket",
  name: `name-${id}`,
  ...extra,
});
const ids = (store: ReturnType<typeof createStore>, q: Query, operator?: string) =>
  store.query(operator, parser.list(q).matches).map((e) => e.id);

describe("order", () => {
  it("lists the newest first and breaks ties by id ascending, whatever the insertion order", () => {
    const s = createStore(model);
    for (const [id, min] of [
      ["b", 1],
      ["d", 3],
      ["a", 1],
      ["c", 2],
      ["e", 0],
      ["a0", 3],
    ] as const)
      s.insert("op", ticket(id, min));
    expect(ids(s, {})).toEqual(["a0", "d", "c", "a", "b", "e"]);
  });

  it("keeps the order of an indexed lookup the same as a full pass", () => {
    const s = createStore(model);
    for (let i = 0; i < 200; i++)
      s.insert("op", ticket(`t${i}`, i % 7, { ticketSubtype: i % 50 === 0 ? "Other" : "Financial" }));
    const rare = ids(s, { ticketSubType: "Other" });
    const all = ids(s, {});
    expect(rare).toHaveLength(4);
    expect(rare).toEqual(all.filter((id) => Number(id.slice(1)) % 50 === 0));
    expect(ids(s, { ticketSubType: "Financial" })).toEqual(all.filter((id) => Number(id.slice(1)) % 50 !== 0));
  });

  it("lists a ticket without a value of the order last", () => {
    const s = createStore(model);
    s.insert("op", ticket("a", 1));
    s.insert("op", { id: "b" });
    s.insert("op", ticket("c", 0));
    expect(ids(s, {})).toEqual(["a", "c", "b"]);
  });

  it("agrees with a brute-force filter over many tickets and values, both ways of reading", () => {
    const s = createStore(model);
    const all: Ticket[] = [];
    for (let i = 0; i < 500; i++) {
      const t = ticket(`t${String(i).padStart(3, "0")}`, (i * 7) % 60, {
        correlationId: `c${i % 40}`,
        ticketSubtype: i % 3 ? "Financial" : "Other",
      });
      all.push(t);
      s.insert(i % 2 ? "op-a" : "op-b", t);
    }
    const byList = (ts: Ticket[]) =>
      ts
        .sort(
          (x, y) =>
            String(y.creationDate).localeCompare(String(x.creationDate)) || String(x.id).localeCompare(String(y.id)),
        )
        .map((t) => t.id);
    expect(ids(s, { correlationId: "c7" })).toEqual(byList(all.filter((t) => t.correlationId === "c7")));
    expect(ids(s, { ticketSubType: "Financial", "creationDate.lt": iso(30) })).toEqual(
      byList(all.filter((t) => t.ticketSubtype === "Financial" && String(t.creationDate) < iso(30))),
    );
  });

  it("moves a ticket when a field of the order changes", () => {
    const s = createStore(model);
    s.insert("op", ticket("a", 1));
    const b = s.insert("op", ticket("b", 2));
    s.replace(b, ticket("b", 0));
    expect(ids(s, {})).toEqual(["a", "b"]);
  });
});

describe("filters", () => {
  const store = () => {
    const s = createStore(model);
    s.insert("op", ticket("a", 1, { ticketType: "Complaint", correlationId: "x" }));
    s.insert("op", ticket("b", 2, { correlationId: "y", resolutionDate: iso(30) }));
    s.insert("op", ticket("c", 3, { correlationId: "x", resolutionDate: iso(40) }));
    return s;
  };

  it("matches by id through the id map", () => {
    expect(ids(store(), { id: "b,zz" })).toEqual(["b"]);
  });

  it("matches OR within a parameter and AND across parameters", () => {
    expect(ids(store(), { correlationId: "x,y" })).toEqual(["c", "b", "a"]);
    expect(ids(store(), { correlationId: "x", ticketType: "Customer_Trouble_Ticket" })).toEqual(["c"]);
  });

  it("matches exactly, case included", () => {
    expect(ids(store(), { name: "NAME-a" })).toEqual([]);
    expect(ids(store(), { name: "name-a" })).toEqual(["a"]);
  });

  it.each([
    ["gt", iso(30), ["c"]],
    ["gte", iso(30), ["c", "b"]],
    ["lt", iso(40), ["b"]],
    ["lte", iso(40), ["c", "b"]],
    ["eq", iso(40), ["c"]],
  ] as const)("compares resolutionDate.%s as instants, never matching a ticket without one", (op, v, want) => {
    expect(ids(store(), { [`resolutionDate.${op}`]: v })).toEqual(want);
  });

  it("ANDs two bounds of one date-time field into a range", () => {
    expect(ids(store(), { "creationDate.gt": iso(1), "creationDate.lte": iso(3) })).toEqual(["c", "b"]);
  });

  it("keeps matching the other tickets of a value when one ticket leaves it", () => {
    const s = store();
    const a = s.find(undefined, "a");
    const c = s.find(undefined, "c");
    if (!a || !c) throw new Error("a and c are stored");
    s.replace(a, { ...a.ticket, correlationId: "y" });
    expect(ids(s, { correlationId: "x" })).toEqual(["c"]);
    s.replace(c, { ...c.ticket, correlationId: "y" });
    expect(ids(s, { correlationId: "x" })).toEqual([]);
    expect(ids(s, { correlationId: "y" })).toEqual(["c", "b", "a"]);
  });

  it("matches nothing for a value no ticket ever had, by index or by scan", () => {
    const s = store();
    expect(ids(s, { correlationId: "never" })).toEqual([]);
    expect(ids(s, { correlationId: "never", "creationDate.gte": iso(0) })).toEqual([]);
    expect(ids(s, { ticketType: "never" })).toEqual([]);
  });

  it("sees a changed date in a later filter", () => {
    const s = store();
    const a = s.find(undefined, "a");
    if (!a) throw new Error("a is stored");
    s.replace(a, { ...a.ticket, lastUpdate: iso(50) });
    expect(ids(s, { "lastUpdate.gt": iso(40) })).toEqual(["a"]);
  });

  it("forgets a value no stored ticket holds any more, so renaming one ticket does not grow the store", () => {
    const s = store();
    const a = s.find(undefined, "a");
    if (!a) throw new Error("a is stored");
    const rename = (from: number, to: number) => {
      for (let i = from; i < to; i++) s.replace(a, { ...a.ticket, name: `rename ${i}`, correlationId: `c${i}` });
    };
    rename(0, 10);
    const after10 = s.interned();
    rename(10, 1000);
    expect(s.interned()).toBe(after10);
    expect(ids(s, { name: "rename 999", correlationId: "c999" })).toEqual(["a"]);
    expect(ids(s, { name: "rename 998" })).toEqual([]);
    // A value that comes back after being forgotten is matched again.
    s.replace(a, { ...a.ticket, name: "rename 5" });
    expect(ids(s, { name: "rename 5" })).toEqual(["a"]);
    expect(ids(s, { correlationId: "x" })).toEqual(["c"]);
  });

  it("stops matching an old value once the ticket changed it", () => {
    const s = store();
    const a = s.find(undefined, "a");
    if (!a) throw new Error("a is stored");
    s.replace(a, { ...a.ticket, correlationId: "z" });
    expect(ids(s, { correlationId: "x" })).toEqual(["c"]);
    expect(ids(s, { correlationId: "z" })).toEqual(["a"]);
  });
});

describe("tenants", () => {
  const store = () => {
    const s = createStore(model);
    s.insert("op-a", ticket("a1", 1));
    s.insert("op-b", ticket("b1", 2));
    s.insert("op-a", ticket("a2", 3));
    return s;
  };

  it("lists only the operator's own tickets", () => {
    expect(ids(store(), {}, "op-a")).toEqual(["a2", "a1"]);
    expect(ids(store(), { id: "b1" }, "op-a")).toEqual([]);
  });

  it("lists every tenant's tickets to the control interface", () => {
    expect(ids(store(), {})).toEqual(["a2", "b1", "a1"]);
  });

  it("does not find another operator's ticket", () => {
    const s = store();
    expect(s.find("op-a", "b1")).toBeUndefined();
    expect(s.find("op-b", "b1")?.id).toBe("b1");
    expect(s.find(undefined, "b1")?.operator).toBe("op-b");
  });

  it("lists nothing for an operator without tickets", () => {
    expect(ids(store(), {}, "op-c")).toEqual([]);
  });

  it("knows each ticket's owner and counts per tenant", () => {
    const s = store();
    expect(s.ownerOf("a2")).toBe("op-a");
    expect(s.ownerOf("nope")).toBeUndefined();
    expect([s.size(), s.size("op-a"), s.size("op-b")]).toEqual([3, 2, 1]);
  });

  it("forgets everything on clear", () => {
    const s = store();
    s.clear();
    expect([s.size(), s.size("op-a"), ids(s, {})]).toEqual([0, 0, []]);
  });
});
