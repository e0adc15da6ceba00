// allure-vitest's reporter, writing each result file without syncing it to disk.
// allure-js-commons writes every result and attachment through a temp file, fsync and
// rename, synchronously on vitest's main thread: on this project's shared machine that
// held a 467-case run's main thread for about 13 of its 38 s (node --cpu-prof: fsync and
// open), and with it the workers' RPC. The results folder is rewritten by every run and
// read only after it ends (the report, summary.json), so durability buys nothing here.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Writer } from "allure-js-commons/sdk/reporter";
import { stringifyEnvInfo } from "allure-js-commons/sdk/reporter";
import AllureVitestReporter, { type AllureVitestReporterConfig } from "allure-vitest/reporter";
import type { Vitest } from "vitest/node";

export class AllureReporter extends AllureVitestReporter {
  readonly #resultsDir: string;

  constructor(config: AllureVitestReporterConfig & { resultsDir: string }) {
    super(config);
    this.#resultsDir = config.resultsDir;
  }

  override onInit(vitest: Vitest): void {
    super.onInit(vitest);
    // The runtime is private to allure-vitest; its writer is a public field of allure-js-commons' runtime.
    const runtime = (this as unknown as { allureReporterRuntime?: { writer: Writer } }).allureReporterRuntime;
    if (!runtime) throw new Error("allure-vitest changed: its reporter has no runtime to give a writer to");
    runtime.writer = plainWriter(this.#resultsDir);
  }
}

/** allure's FileSystemWriter, less the temp file, fsync and rename of each file. */
export function plainWriter(dir: string): Writer {
  mkdirSync(dir, { recursive: true });
  const put = (name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);
  return {
    writeResult: (r) => put(`${r.uuid}-result.json`, JSON.stringify(r)),
    writeGroup: (r) => put(`${r.uuid}-container.json`, JSON.stringify(r)),
    writeAttachment: (name, content) => put(name, content),
    writeAttachmentFromPath: (name, from) => copyFileSync(from, join(dir, name)),
    writeEnvironmentInfo: (info) => put("environment.properties", stringifyEnvInfo(info)),
    writeCategoriesDefinitions: (categories) => put("categories.json", JSON.stringify(categories)),
    writeGlobals: (name, info) => put(name, JSON.stringify(info)),
  };
}
