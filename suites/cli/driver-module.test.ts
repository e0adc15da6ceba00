// certify --driver examples/driver.ts against a simulator started on its own, in two
// child processes as a user runs them: with a module that exports `set`, the checks of
// Nexera-side attribute changes run and pass instead of being skipped.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { firstLine, run } from "../../simulator/cli/testing.ts";

/** The checks of a Nexera-side attribute change (its event, lastUpdate): suites/events, suites/fields. */
const ATTRIBUTE_CHECK = / when Nexera changes /;

it("runs and passes the Nexera-side attribute-change checks through a driver module that exports set", async () => {
  const simulator = run("simulator/cli/simulate.ts", ["--port", "0", "--log-level", "silent"]);
  const target = (await firstLine(simulator)).replace(/^Nexera simulator listening at /, "");
  expect(target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  const results = mkdtempSync(join(tmpdir(), "nexera-driver-run-"));

  const certify = run("suites/cli/certify.ts", [
    ...["--target", target, "--driver", "examples/driver.ts"],
    ...["--results-dir", results, "--no-html", "--seed", "42", "--runs", "5"],
  ]);

  expect(await certify.exit, certify.stdout.slice(-3000) + certify.stderr.slice(-2000)).toBe(0);
  const checks = readdirSync(join(results, "allure-results"))
    .filter((f) => f.endsWith("-result.json"))
    .map(
      (f) => JSON.parse(readFileSync(join(results, "allure-results", f), "utf8")) as { name: string; status: string },
    )
    .filter((r) => ATTRIBUTE_CHECK.test(r.name));
  expect(checks.map((r) => r.status)).toEqual(["passed", "passed"]);
  expect(certify.stdout).toContain("0 failed, 0 harness faults");
  expect(certify.stdout).not.toMatch(/skipped: .*(driver module|Nexera-side attribute changes)/);
}, 240_000);
