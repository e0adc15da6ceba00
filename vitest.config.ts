// npm test: the simulator's own tests, the harness's self-tests, and the conformance
// suites run against the embedded simulator once per profile in fixtures/profile
// (and variants/): the same suites for every target. With NEXERA_TARGET set, the
// suites judge that one target, by its one profile (NEXERA_PROFILE or the default).
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { defineConfig } from "vitest/config";
import { DEFAULT_PROFILE } from "./simulator/model/load.ts";
import { AllureReporter } from "./suites/report/allure-reporter.ts";
import { ROLE_SUITES } from "./suites/roles.ts";
import { SUITE_OPTIONS } from "./suites/vitest-options.ts";

const PROFILES = process.env.NEXERA_TARGET
  ? [process.env.NEXERA_PROFILE ?? DEFAULT_PROFILE]
  : ["fixtures/profile", "fixtures/profile/variants"].flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => join(dir, f)),
    );

export default defineConfig({
  test: {
    setupFiles: ["allure-vitest/setup"],
    reporters: [
      "default",
      // reportMatchers off: property tests would otherwise record every expect() as a step.
      // allure-vitest's reporter, without an fsync per result file (suites/report/allure-reporter.ts).
      new AllureReporter({ resultsDir: "reports/allure-results", reportMatchers: false }),
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
          provide: { nexeraProfile: profile },
          ...SUITE_OPTIONS,
        },
      })),
    ],
  },
});
