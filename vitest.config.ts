import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["simulator/**/*.test.ts", "suites/**/*.test.ts"],
    setupFiles: ["allure-vitest/setup"],
    reporters: [
      "default",
      // reportMatchers off: property tests would otherwise record every expect() as a step.
      ["allure-vitest/reporter", { resultsDir: "reports/allure-results", reportMatchers: false }],
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
