// A known-failures file turns a faulty simulator's run green for the listed rule only,
// reports the rule fixed once the fault is gone, and fails again past the entry's expiry.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type Embedded, startEmbedded } from "../../simulator/cli/embedded.ts";
import { run } from "../../simulator/cli/testing.ts";
import { DEFAULT_PROFILE } from "../../simulator/model/load.ts";
import { EMBEDDED_OPERATORS } from "./certify-settings.ts";

const dir = mkdtempSync(join(tmpdir(), "known-failures-"));
const [first, second] = EMBEDDED_OPERATORS;
const started: Embedded[] = [];
afterAll(async () => {
  for (const s of started) await s.close();
});

async function simulator(misbehave: string[]): Promise<string> {
  const s = await startEmbedded({ profile: DEFAULT_PROFILE, operators: [first, second], auth: "either", misbehave });
  started.push(s);
  return s.url;
}

/** A real certify child (the simulator answers from this process, so it must not block). */
async function certify(
  target: string,
  name: string,
  known?: string,
): Promise<{ status: number | null; stdout: string; rules: Array<{ id: string; verdict: string }> }> {
  const results = join(dir, name);
  const child = run("suites/cli/certify.ts", [
    ...["--target", target, "--suite", "lifecycle", "--seed", "5", "--driver", "simulator", "--auth", "either"],
    ...["--second-credentials", `${second.user}:${second.password}`],
    ...["--results-dir", results, "--no-html", ...(known ? ["--known-failures", known] : [])],
  ]);
  const status = await child.exit;
  const summary = JSON.parse(readFileSync(join(results, "summary.json"), "utf8")) as {
    rules: Array<{ id: string; verdict: string }>;
  };
  return { status, stdout: child.stdout, rules: summary.rules };
}

it("turns the listed rule green only, reports it fixed once the fault is gone, and fails again when expired", async () => {
  const faulty = await simulator(["keep-on-leave:resolved->inProgress", "allow-transition:closed->inProgress"]);
  const broken = await certify(faulty, "broken");
  expect(broken.status).toBe(1);
  const leave = broken.rules.find((r) => r.verdict === "failed" && r.id.includes("clears"));
  expect(leave, JSON.stringify(broken.rules.filter((r) => r.verdict === "failed"))).toBeDefined();
  const file = join(dir, "known.json");
  writeFileSync(file, JSON.stringify([{ rule: leave!.id, reason: "reopening keeps the resolution until release 2" }]));

  // The other fault's rule still fails the run; the listed one is known.
  const listed = await certify(faulty, "listed", file);
  expect(listed.status, listed.stdout).toBe(1);
  expect(listed.stdout).toMatch(/^known: {4}1 known failure\(s\), not failing the run:/m);
  expect(listed.rules.find((r) => r.id === leave!.id)?.verdict).toBe("known");

  const onlyLeave = await simulator(["keep-on-leave:resolved->inProgress"]);
  expect((await certify(onlyLeave, "green", file)).status).toBe(0);

  const clean = await simulator([]);
  const fixed = await certify(clean, "fixed", file);
  expect(fixed.status).toBe(0);
  expect(fixed.stdout).toContain(`fixed:    ${leave!.id} passes now: remove it from the known-failures file`);

  writeFileSync(file, JSON.stringify([{ rule: leave!.id, reason: "was due for release 2", expires: "2000-01-01" }]));
  const expired = await certify(onlyLeave, "expired", file);
  expect(expired.status).toBe(1);
  expect(expired.stdout).toContain(`expired:  ${leave!.id} (expired 2000-01-01): its failures fail the run again`);
}, 600_000);
