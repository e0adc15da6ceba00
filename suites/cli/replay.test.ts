// The replay line under a failed run, pasted into a shell with the same environment,
// replays the run: same seed, same flags (driver, auth, second operator), credentials
// read from the variables it names, and so the same failing cases.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { startEmbedded } from "../../simulator/cli/embedded.ts";
import { run, runShell } from "../../simulator/cli/testing.ts";
import { DEFAULT_PROFILE } from "../../simulator/model/load.ts";
import { EMBEDDED_OPERATORS } from "./certify-settings.ts";
import { readSummary } from "./summary-file.ts";

const [first, second] = EMBEDDED_OPERATORS;
const sim = await startEmbedded({
  profile: DEFAULT_PROFILE,
  operators: [first, second],
  auth: "either",
  misbehave: ["drop-event:TroubleTicketResolvedEvent"],
});
afterAll(() => sim.close());

const failedCases = (dir: string) =>
  readSummary(dir)
    .cases.filter((c) => c.state === "failed")
    .map((c) => c.name)
    .sort();

it("pasted into a shell with the credentials' variables set, fails the same cases with the same seed", async () => {
  const results = mkdtempSync(join(tmpdir(), "replay-"));
  const original = run("suites/cli/certify.ts", [
    ...["--target", sim.url, "--suite", "events", "--driver", "simulator", "--auth", "either"],
    ...["--credentials", `${first.user}:${first.password}`, `--second-credentials=${second.user}:${second.password}`],
    ...["--results-dir", results, "--no-html"],
  ]);
  expect(await original.exit, original.stdout + original.stderr).toBe(1);
  const before = failedCases(results);
  expect(before.length).toBeGreaterThan(0);

  const [, seed, line, vars] =
    /^seed: +(\d+) \(replay: (npm run certify -- .*?)(?:, with (.*) set to the credentials used)?\)$/m.exec(
      original.stdout,
    ) ?? [];
  expect(line, original.stdout).toBeDefined();
  expect(line).not.toContain(first.password);
  expect(line).not.toContain("***");
  for (const flag of ["--driver simulator", "--auth either", "--suite events", `--seed ${seed}`])
    expect(line).toContain(flag);
  expect(vars).toBe("NEXERA_CREDENTIALS and NEXERA_SECOND_CREDENTIALS");

  const replay = runShell(line ?? "", {
    NEXERA_CREDENTIALS: `${first.user}:${first.password}`,
    NEXERA_SECOND_CREDENTIALS: `${second.user}:${second.password}`,
  });
  expect(await replay.exit, replay.stdout + replay.stderr).toBe(1);
  expect(readSummary(results).seed).toBe(Number(seed));
  expect(failedCases(results)).toEqual(before);
}, 300_000);
