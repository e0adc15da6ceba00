// Every command answers --help (usage on stdout, exit 0) through its package.json
// script, so the scripts' wiring is checked too (docs' preload, report's entry).
// One at a time: npm and tsx starting at once on two cores only slow each other.
import { expect, it } from "vitest";
import { runScript } from "./testing.ts";

it.each([
  ["simulate", "--host HOST"],
  ["listen", "--port N"],
  ["export", "--out FILE"],
  ["certify", "--target URL"],
  ["docs", "--help, -h"],
  ["report", "--results DIR"],
  ["report:browse", "--chromium FILE"],
  ["certify:faults", "--fault FAULT"],
  ["certify:seeds", "--count N"],
  ["stress", "--requests N"],
  ["bench", "--rounds N"],
])("npm run %s -- --help prints the usage and exits 0", async (script, flag) => {
  const r = runScript(script, ["--help"]);
  expect(await r.exit).toBe(0);
  expect(r.stdout.split("\n")[0]).toMatch(new RegExp(`^usage: npm run ${script} -- \\[options\\]`));
  expect(r.stdout).toContain(flag);
  expect(r.stderr).toBe("");
});

it("npm run certify exits 2 naming every bad setting, before starting anything", async () => {
  const r = runScript("certify", ["--target", "ftp://x", "--auth", "token", "--runs", "0"]);
  expect(await r.exit).toBe(2);
  expect(r.stderr).toContain(
    [
      "certify: 3 invalid settings:",
      '  - --target: must be an absolute http or https URL, got "ftp://x"',
      '  - --auth: must be one of bearer, basic, either, got "token"',
      '  - --runs: must be an integer from 1 to 100000, got "0"',
    ].join("\n"),
  );
  expect(r.stdout).toBe("");
});
