// The vitest options every certify run shares, whether certify starts it
// (suites/vitest.suites.config.ts) or npm test does (vitest.config.ts, one project per profile).
import type { InlineConfig } from "vitest/node";

export const SUITE_OPTIONS: InlineConfig = {
  // Starts the embedded simulator (or the listener role's target) and the harness's listener.
  globalSetup: ["suites/cli/global-setup.ts"],
  // Cases are small and independent: many run at once within a file.
  maxConcurrency: 16,
  // Suite files share nothing but the worker's keep-alive agent: reusing workers saves
  // a process start per file, the largest cost of a run on two cores.
  pool: "threads",
  isolate: false,
  testTimeout: 30_000,
  hookTimeout: 30_000,
};
