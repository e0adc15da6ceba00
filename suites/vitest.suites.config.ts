// The suites' own vitest config: certify runs it, for the role it names in the
// environment (suites/roles.ts). Settings reach the global setup through env.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { handedDown } from "./cli/certify-settings.ts";
import { ProgressReporter } from "./cli/progress-reporter.ts";
import { TargetWatch } from "./cli/target-watch.ts";
import { AllureReporter } from "./report/allure-reporter.ts";
import { ROLE_ENV, SUITES_ENV, suiteFiles } from "./roles.ts";
import type { Role } from "./target/settings.ts";
import { SUITE_OPTIONS } from "./vitest-options.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// certify names the role it runs; each role has its own suites.
const role = (process.env[ROLE_ENV] as Role | undefined) ?? "server";
const suites = suiteFiles(role, process.env[SUITES_ENV]?.split(",").filter(Boolean));
const target = handedDown(process.env)?.target;

export default defineConfig({
  test: {
    root,
    // The harness's self-tests (suites/unit, suites/cli) run under npm test only: a certify run holds only checks of the target.
    include: suites.include,
    exclude: suites.exclude,
    setupFiles: ["allure-vitest/setup"],
    reporters: [
      // certify --verbose: vitest's list of every case; else one progress line (suites/cli/progress-reporter.ts).
      process.env.NEXERA_VERBOSE === "1" ? "default" : new ProgressReporter(),
      // A target that stops answering ends the run (suites/cli/target-watch.ts).
      ...(target !== undefined ? [new TargetWatch(target)] : []),
      // reportMatchers off: property tests would otherwise record every expect() as a step.
      // allure-vitest's reporter, without an fsync per result file (suites/report/allure-reporter.ts).
      new AllureReporter({
        resultsDir: process.env.NEXERA_RESULTS_DIR ?? resolve(root, "reports/allure-results"),
        reportMatchers: false,
      }),
    ],
    ...SUITE_OPTIONS,
    // vite's transforms of the suite files, kept on disk (node_modules/.experimental-vitest-cache)
    // and keyed by each file's content and the config: a run no longer transforms them all
    // again, the largest fixed cost of a small run (npm run certify:faults starts ~50).
    experimental: { fsModuleCache: true },
    // Two files at a time, even on two cores: the suites mostly wait on the target, and the
    // auth suite's deliberate wait for a token to expire (about 7 s) then overlaps with the
    // other files instead of adding to the run. vitest starts the files that took longest
    // last time first, so from the second run on that wait begins at once (npm run bench, §4).
    maxWorkers: 2,
    // A listener case is an event or a few: all of them at once, so a listener that never
    // answers costs one delivery timeout per file rather than one per batch of 16.
    ...(role === "listener" ? { maxConcurrency: 64 } : {}),
  },
});
