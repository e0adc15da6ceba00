// The one fault catalogue (faults.ts): every entry is named once, says in one line what
// it breaks, names the suites that prove it and the case that must fail, parses as
// `--misbehave` takes it, and builds a simulator on every profile it gives something to bend.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_SUITES } from "../../suites/roles.ts";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { buildSimulator } from "./app.ts";
import { CATALOGUE, catalogueText, parseFaults, usageOf } from "./faults.ts";
import { ALICE, basic, build, call, createTicket, TICKETS } from "./testing.ts";

const PROFILES = ["profile", "profile/variants"].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(FIXTURES, dir, f)),
);
const MODELS = PROFILES.map((p) => [p.slice(FIXTURES.length + 1), loadProfile(p)] as const);

it("names every fault once", () => {
  const names = CATALOGUE.map((f) => f.name);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  expect(names.every((n) => /^[a-z][a-z0-9-]*$/.test(n))).toBe(true);
});

it("prints one line per fault for --misbehave list", () => {
  expect(catalogueText().split("\n")).toHaveLength(CATALOGUE.length);
});

describe.each(CATALOGUE.map((f) => [f.name, f] as const))("%s", (_, f) => {
  it("says in one line what it breaks", () => {
    expect(f.description.trim()).not.toBe("");
    expect(f.description).not.toMatch(/\n/);
    expect(f.description.length).toBeLessThanOrEqual(100);
  });

  it("is proved by server suites", () => {
    expect(f.proof.suites.length).toBeGreaterThan(0);
    for (const s of f.proof.suites) expect(SERVER_SUITES).toContain(s);
  });

  // Every argument worth proving on any profile, else a placeholder: the spec must parse either way.
  const args = f.arg ? [...new Set(MODELS.flatMap(([, m]) => f.arg?.examples(m) ?? []))] : [undefined];
  it.each((args.length > 0 ? args : ["x"]).map((a) => [a === undefined ? f.name : `${f.name}:${a}`]))(
    "parses %s",
    (spec) => {
      const [parsed] = parseFaults([spec]);
      expect(parsed?.def).toBe(f);
      expect(parsed?.breaks).toContain(f.description);
    },
  );

  it(f.arg ? "needs its argument" : "takes no argument", () => {
    expect(() => parseFaults([f.arg ? f.name : `${f.name}:x`])).toThrow(
      f.arg ? /needs an argument/ : /takes no argument/,
    );
  });

  it.each(MODELS)("builds a simulator serving %s, and names the case that must fail", async (_, model) => {
    for (const arg of f.arg ? f.arg.examples(model) : [undefined]) {
      const spec = arg === undefined ? f.name : `${f.name}:${arg}`;
      const app = buildSimulator({ model, faults: parseFaults([spec]) });
      await app.ready();
      await app.close();
      const names = typeof f.proof.names === "function" ? f.proof.names(arg ?? "", model) : f.proof.names;
      expect(names).toBeInstanceOf(RegExp);
      expect(names.source).not.toBe("(?:)");
    }
  });
});

it("tells the usage of a fault that takes an argument", () => {
  for (const f of CATALOGUE.filter((x) => x.arg)) expect(usageOf(f)).toBe(`${f.name}:${f.arg?.name}`);
});

describe("the count headers' faults (tickets.ts)", () => {
  /** The count headers of a page of 1 of 3 tickets. */
  async function counts(faults: string[]) {
    const app = build({ faults: parseFaults(faults) });
    for (let i = 0; i < 3; i++) await createTicket(app, ALICE);
    const r = await call(app, { method: "GET", url: `${TICKETS}?limit=1`, auth: basic(ALICE) });
    expect(r.json()).toHaveLength(1);
    return [r.headers["x-total-count"], r.headers["x-result-count"]];
  }

  it.each([
    ["total-counts-page", ["1", "1"]],
    ["result-counts-all", ["3", "3"]],
  ])("%s answers a page of 1 of 3 with X-Total-Count, X-Result-Count %o", async (spec, bent) => {
    expect(await counts([])).toEqual(["3", "1"]);
    expect(await counts([spec])).toEqual(bent);
  });
});
