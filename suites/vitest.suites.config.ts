// The suites' own vitest config (certify runs it; `npm test` uses the repo's config,
// which needs the same globalSetup). Settings reach the global setup through env.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ROLE_ENV, ROLE_SUITES } from "./roles.ts";
import type { Role } from "./target/settings.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// certify names the role it runs; each role has its own suites.
const role = (process.env[ROLE_ENV] as Role | undefined) ?? "server";
const suites = ROLE_SUITES[role];

export default defineConfig({
  test: {
    root,
    // The harness's self-tests (suites/unit, suites/cli) run under npm test only: a certify run holds only checks of the target.
    include: suites.include,
    exclude: suites.exclude,
    globalSetup: ["suites/cli/global-setup.ts"],
    setupFiles: ["allure-vitest/setup"],
    reporters: [
      "default",
      // reportMatchers off: property tests would otherwise record every expect() as a step.
      [
        "allure-vitest/reporter",
        {
          resultsDir: process.env.NEXERA_RESULTS_DIR ?? resolve(root, "reports/allure-results"),
          reportMatchers: false,
        },
      ],
    ],
    // Cases are small and independent: many run at once within a file. A listener case is
    // an event or a few: all of them at once, so a listener that never answers costs one
    // delivery timeout per file rather than one per batch of 16.
    maxConcurrency: role === "listener" ? 64 : 16,
    // Suite files share nothing but the worker's keep-alive agent: reusing workers saves
    // a process start per file, the largest cost of a run on two cores.
    pool: "threads",
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
