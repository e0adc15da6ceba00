// The server suites named for `certify --suite` are every folder of suites/ that holds suite files.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { SERVER_SUITES, suiteFiles } from "../roles.ts";

const SUITES = resolve(import.meta.dirname, "..");
const NOT_SERVER = new Set(["unit", "cli", "roles"]);

it("names every folder of suites/ holding suite files, but the harness's own and the operator roles'", () => {
  const folders = readdirSync(SUITES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_SERVER.has(d.name))
    .filter((d) => readdirSync(join(SUITES, d.name)).some((f) => f.endsWith(".test.ts")))
    .map((d) => d.name);
  expect([...SERVER_SUITES].sort()).toEqual(folders.sort());
});

it("narrows the server role to the named suites, and leaves the operator roles alone", () => {
  expect(suiteFiles("server", ["auth", "events"]).include).toEqual([
    "suites/auth/**/*.test.ts",
    "suites/events/**/*.test.ts",
  ]);
  expect(suiteFiles("listener", ["auth"]).include).toEqual(["suites/roles/listener/**/*.test.ts"]);
});
