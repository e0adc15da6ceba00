// A target that stops answering mid-run ends the run with one harness-fault line, exit 3,
// not a failure per case left.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { run } from "../../simulator/cli/testing.ts";
import { readSummary } from "./summary-file.ts";

const until = async (what: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !what() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
};

it("stops the run with one line when the target stops answering", async () => {
  const simulator = run("simulator/cli/simulate.ts", ["--port", "0"]);
  await until(() => /listening at \S+\n/.test(simulator.stdout), 20_000);
  const target = /listening at (\S+)\n/.exec(simulator.stdout)?.[1];
  expect(target, simulator.stdout + simulator.stderr).toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), "target-lost-"));
  const certify = run("suites/cli/certify.ts", [
    ...["--target", target!, "--driver", "simulator", "--results-dir", dir, "--no-html", "--seed", "4"],
  ]);
  // Some suite files finish (a plain line each without a terminal), then the target goes.
  await until(() => (certify.stdout.match(/^suites\/\S+: \d+ passed/gm) ?? []).length >= 2, 120_000);
  simulator.kill("SIGKILL");
  const exit = await certify.exit;
  expect(exit, certify.stdout + certify.stderr).toBe(3);
  expect(certify.stdout).toMatch(
    /^stopped: {2}the target stopped answering [\d.]+ s into the run, after \d+ cases \(ECONNREFUSED\): a harness fault, not a finding; the run was stopped: \d+ case\(s\) not run/m,
  );
  expect(certify.stdout).not.toMatch(/^harness faults/m);
  expect(certify.stdout.match(/cannot reach/g) ?? []).toHaveLength(0);
  const summary = readSummary(dir);
  expect(summary).toMatchObject({ verdict: "incomplete", exitCode: 3 });
  expect(summary.lost?.cause).toBe("ECONNREFUSED");
  expect(summary.counts.passed).toBeGreaterThan(0);
  expect(summary.counts.harness).toBe(0);
}, 240_000);
