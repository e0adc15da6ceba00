// The events' and the HTTP edge's entries of the fault catalogue (the core's are
// checked in simulator/core): each parses as `--misbehave` takes it, says in one line
// what it breaks, and names the certify suites and the failure that prove it caught.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EVENT_FAULTS } from "../events/faults.ts";
import { loadProfile } from "../model/load.ts";
import { HTTP_FAULTS } from "./edge-faults.ts";
import { CATALOGUE, catalogueText, parseFaults, usageOf } from "./faults.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const profiles = ["fixtures/profile/nexera.json", "fixtures/profile/variants/tmf621-v4.json"].map((p) =>
  loadProfile(join(root, p)),
);

it("names every fault of the catalogue once", () => {
  const names = CATALOGUE.map((f) => f.name);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});

describe.each([...EVENT_FAULTS, ...HTTP_FAULTS].map((f) => [f.name, f] as const))("%s", (name, f) => {
  it("is in the catalogue and listed by --misbehave list with its description", () => {
    expect(CATALOGUE).toContain(f);
    expect(catalogueText()).toContain(`${usageOf(f)} `);
    expect(catalogueText()).toContain(f.description);
  });

  it("says in one line what it breaks", () => {
    expect(f.description.trim()).not.toBe("");
    expect(f.description).not.toMatch(/\n/);
  });

  it("names certify suites that exist and what their failure must say", () => {
    expect(f.proof.suites.length).toBeGreaterThan(0);
    for (const s of f.proof.suites) expect(existsSync(join(root, "suites", s)), s).toBe(true);
    for (const m of profiles) {
      const args = f.arg ? f.arg.examples(m) : [undefined];
      for (const arg of args) {
        const names = typeof f.proof.names === "function" ? f.proof.names(arg ?? "") : f.proof.names;
        expect(names).toBeInstanceOf(RegExp);
      }
    }
  });

  it("parses as --misbehave takes it, with its argument when it takes one", () => {
    const args = f.arg ? profiles.flatMap((m) => f.arg?.examples(m) ?? []) : [undefined];
    if (f.arg) expect(args.length, "an example argument for the Nexera profile").toBeGreaterThan(0);
    for (const arg of args) {
      const spec = arg === undefined ? name : `${name}:${arg}`;
      const [parsed] = parseFaults([spec]);
      expect(parsed).toMatchObject({ spec, def: f });
      expect(parsed?.breaks).toContain(f.description);
    }
    expect(() => parseFaults([f.arg ? name : `${name}:x`])).toThrow(f.arg ? /needs an argument/ : /takes no argument/);
  });
});
