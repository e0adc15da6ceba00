// certify:seeds end to end: the real command runs the real certify command (one suite,
// few runs, to keep it short) and prints a clean line per seed, then the tally.
import { expect, it } from "vitest";
import { run } from "../../simulator/cli/testing.ts";

it("runs certify once per seed against the clean simulator and exits 0 when every run is clean", async () => {
  const r = run("suites/cli/certify-seeds.ts", [
    ...["--seed", "11", "--seed", "12", "--count", "2"],
    ...["--suite", "robustness", "--runs", "2"],
  ]);
  const code = await r.exit;
  // 'exit' may come before the last output is read.
  await new Promise((done) => setTimeout(done, 200));
  expect(code, r.stdout + r.stderr).toBe(0);
  const lines = r.stdout.trim().split("\n");
  expect(lines.slice(0, 2).sort()).toEqual([
    expect.stringMatching(/^clean {2}seed 11 +\d+ cases: \d+ passed, 0 failed, 0 harness faults, 0 skipped; exit 0; /),
    expect.stringMatching(/^clean {2}seed 12 +\d+ cases: \d+ passed, 0 failed, 0 harness faults, 0 skipped; exit 0; /),
  ]);
  expect(lines[2]).toMatch(/^2 runs in [\d.]+ min: 2 clean, 0 with failures$/);
}, 120_000);
