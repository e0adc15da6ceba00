// The driver module contract (suites/driver/contract.ts): which exports certify takes,
// what it hands `move` and `set`, and when the checks of Nexera-side attribute changes
// are skipped (a module without `set`) rather than failed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { driverOf } from "../driver/driver.ts";
import { driverExports, loadDriverModule } from "../driver/module.ts";
import type { Case } from "../report/case.ts";
import { DriverError } from "../support/errors.ts";

const model = loadProfile();
const dir = mkdtempSync(join(tmpdir(), "nexera-driver-"));
const BASE = "http://nexera.example/tmf-api/troubleTicket/v4";
/** A field Nexera may set (the profile's providerFields, docs/rules.md §8). */
const NEXERA = { [model.providerFields[0]!]: 2 };

/** A module file holding `source`, loaded the way a certify run loads it. */
async function moduleCase(name: string, source: string): Promise<Case> {
  const path = join(dir, name);
  writeFileSync(path, source);
  await loadDriverModule(path);
  const ctx = {
    model,
    settings: { driver: { kind: "module", path } },
    target: { base: BASE, tickets: `${BASE}/${model.resource}` },
  };
  return { ctx } as unknown as Case;
}

const RECORDING = `
export const calls = [];
export async function move(id, status, context) { calls.push(["move", id, status, context]); }
export async function set(id, fields, context) { calls.push(["set", id, fields, context]); }
`;

it("takes move and set exported by name, a default function as move, and a default object's methods", () => {
  const move = async () => {};
  const set = async () => {};
  expect(Object.keys(driverExports({ move, set }, "m.js"))).toEqual(["move", "set"]);
  expect(Object.keys(driverExports({ default: move }, "m.js"))).toEqual(["move"]);
  expect(Object.keys(driverExports({ default: { move, set } }, "m.js"))).toEqual(["move", "set"]);
});

it("refuses a module without move, or whose set is not a function, as a harness fault naming the contract", () => {
  expect(() => driverExports({ set: async () => {} }, "m.js")).toThrow(DriverError);
  expect(() => driverExports({}, "m.js")).toThrow(/must export an async function move\(ticketId, status, context\)/);
  expect(() => driverExports({ move: async () => {}, set: "yes" }, "m.js")).toThrow(/"set", which must be an async/);
});

it("hands set the ticket id, the fields and the context, and move the status it came from", async () => {
  const c = await moduleCase("recording.mjs", RECORDING);
  const driver = driverOf(c);
  expect(driver.cannotSet).toBeUndefined();
  expect(driver.unavailable).toBeUndefined();
  await driver.set(c, "T-1", NEXERA);
  await driver.move(c, "T-1", model.lifecycle.initial, model.lifecycle.provider[0]!.to);
  const { calls } = (await import(join(dir, "recording.mjs"))) as { calls: unknown[] };
  const context = { target: BASE, resource: model.resource, ticketUrl: `${BASE}/${model.resource}/T-1` };
  expect(calls).toEqual([
    ["set", "T-1", NEXERA, context],
    ["move", "T-1", model.lifecycle.provider[0]!.to, { ...context, from: model.lifecycle.initial }],
  ]);
});

it("skips the checks of Nexera-side attribute changes, with the reason, when the module exports no set", async () => {
  const c = await moduleCase("move-only.mjs", "export default async function move() {}");
  expect(driverOf(c).cannotSet).toMatch(
    /exports no set\(ticketId, fields\): Nexera-side attribute changes cannot be made/,
  );
  expect(driverOf(c).unavailable).toBeUndefined();
});

it("refuses fields the profile's providerFields do not hold before the module sees them (a suite bug)", async () => {
  const c = await moduleCase("refuse.mjs", RECORDING);
  const outside = model.root.fields.find((f) => !model.providerFields.includes(f.name))!.name;
  await expect(driverOf(c).set(c, "T-2", { [outside]: "x" })).rejects.toThrow(/a suite bug/);
});

it("reports a module that fails, or cannot be loaded, as a harness fault (DriverError), not a skip", async () => {
  const failing = await moduleCase(
    "failing.mjs",
    "export async function move() {} export async function set() { throw new Error('tool down'); }",
  );
  await expect(driverOf(failing).set(failing, "T-3", NEXERA)).rejects.toThrow(DriverError);
  await expect(driverOf(failing).set(failing, "T-3", NEXERA)).rejects.toThrow(
    new RegExp(`set ${model.providerFields[0]} of ticket T-3`),
  );
  const broken = await moduleCase("broken.mjs", "export const move = ;");
  expect(driverOf(broken).cannotSet).toBeUndefined();
  await expect(driverOf(broken).set(broken, "T-4", NEXERA)).rejects.toThrow(/cannot load the driver module/);
});
