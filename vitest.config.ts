// npm test: the simulator's own tests, the harness's self-tests, and the conformance
// suites run against the embedded simulator once per profile in fixtures/profile
// (and variants/), the same suites for every target (docs/decisions/0006-...).
import { readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { defineConfig } from "vitest/config";
import { ROLE_SUITES } from "./suites/roles.ts";

const PROFILES = ["fixtures/profile", "fixtures/profile/variants"].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(dir, f)),
);

// Allure results describe the last run only: stale ones would mix with it in a report.
const RESULTS = "reports/allure-results";
rmSync(RESULTS, { recursive: true, force: true });

export default defineConfig({
  test: {
    setupFiles: ["allure-vitest/setup"],
    reporters: [
      "default",
      // reportMatchers off: property tests would otherwise record every expect() as a step.
      ["allure-vitest/reporter", { resultsDir: RESULTS, reportMatchers: false }],
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: "simulator", include: ["simulator/**/*.test.ts"] } },
      // The harness's self-tests and its commands' tests: never part of a certify run.
      { extends: true, test: { name: "harness", include: ["suites/unit/**/*.test.ts", "suites/cli/**/*.test.ts"] } },
      ...PROFILES.map((profile) => ({
        extends: true as const,
        test: {
          name: `certify:${basename(profile, ".json")}`,
          include: ROLE_SUITES.server.include,
          exclude: ROLE_SUITES.server.exclude,
          // Starts the embedded simulator with this profile, and the listener (unless NEXERA_TARGET names a target).
          globalSetup: ["suites/cli/global-setup.ts"],
          provide: { nexeraProfile: profile },
          // Cases are small and independent; suite files share only a keep-alive agent,
          // so reusing workers saves a process start per file (the main cost on 2 cores).
          maxConcurrency: 16,
          pool: "threads" as const,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      })),
    ],
  },
});
