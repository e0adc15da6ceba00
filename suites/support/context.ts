// What every suite file reads first: the settings handed down by the global setup,
// the rule model they name, and the target's URLs. Loaded once per worker.
import { afterAll, beforeAll, inject } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import type { Model } from "../../simulator/model/model.ts";
import { loadDriverModule } from "../driver/module.ts";
import { closeAgent } from "../http/client.ts";
import type { Settings } from "../target/settings.ts";
import { type Target, targetOf } from "../target/target.ts";
import { HarnessError } from "./errors.ts";

/** The embedded listener, started once per run by the global setup (listener/recorder.ts). */
export interface ListenerInfo {
  /** Where the suites read recordings (local). */
  readonly control: string;
  /** What the target calls back: callbacks are {public}/c/{channel}. */
  readonly public: string;
}

export interface Handed {
  readonly settings: Settings;
  readonly listener: ListenerInfo;
}

declare module "vitest" {
  export interface ProvidedContext {
    nexera: Handed;
    /** The profile a vitest project certifies (vitest.config.ts runs one project per profile). */
    nexeraProfile?: string;
  }
}

export interface Run {
  readonly settings: Settings;
  readonly model: Model;
  readonly target: Target;
  readonly listener: ListenerInfo;
  /** A short id marking this run's data on the target (other data and concurrent runs stay apart). */
  readonly runId: string;
}

// One Run per target a worker serves: with several projects (one per profile under
// npm test) a reused worker may run files of another project, which inject() tells apart.
let current: { key: string; run: Run } | undefined;

export function run(): Run {
  let handed: Handed | undefined;
  try {
    handed = inject("nexera");
  } catch {
    handed = undefined;
  }
  if (!handed)
    throw new HarnessError(
      "no settings were provided: run through `npm test` or `npm run certify` (suites/cli/global-setup.ts provides them)",
    );
  const key = `${handed.settings.profile}\n${handed.settings.target ?? ""}`;
  if (current?.key === key) return current.run;
  const model = loadProfile(handed.settings.profile);
  const runId = `r${(handed.settings.seed >>> 0).toString(36)}${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const fresh: Run = {
    settings: handed.settings,
    model,
    target: targetOf(handed.settings, model),
    listener: handed.listener,
    runId,
  };
  current = { key, run: fresh };
  return fresh;
}

/**
 * Called at the top of every suite file: the run, the file's sockets closed after it,
 * and a driver module loaded before its tests (so a check knows whether it can `set`).
 */
export function suiteFile(): Run {
  afterAll(closeAgent);
  const r = run();
  const driver = r.settings.driver;
  if (driver.kind === "module") beforeAll(async () => void (await loadDriverModule(driver.path)));
  return r;
}

/** The model alone, for generating cases at collection time. */
export function model(): Model {
  return run().model;
}
