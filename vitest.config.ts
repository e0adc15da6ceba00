import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["allure-vitest/setup"],
    reporters: [
      "default",
      // reportMatchers off: property tests would otherwise record every expect() as a step.
      ["allure-vitest/reporter", { resultsDir: "reports/allure-results", reportMatchers: false }],
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: "simulator", include: ["simulator/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "suites",
          include: ["suites/**/*.test.ts"],
          // Starts the embedded simulator and listener unless a target is configured (NEXERA_TARGET).
          globalSetup: ["suites/cli/global-setup.ts"],
          // Cases are small and independent; suite files share only a keep-alive agent,
          // so reusing workers saves a process start per file (the main cost on 2 cores).
          maxConcurrency: 16,
          pool: "threads",
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
