// The README's settings blocks (`<!-- settings:NAME:start -->` ... `end -->`), one per
// command, generated from the tables by `npm run docs`. Certify's table lives in the
// suites, which the simulator never imports: `npm run docs` preloads
// suites/cli/docs-preload.ts, which hands it over through documentCommand.
import { readFileSync, writeFileSync } from "node:fs";
import { README } from "../../model/readme.ts";
import { LISTEN } from "../listen-settings.ts";
import { SIMULATE } from "../simulate-settings.ts";
import type { Command } from "./command.ts";
import { withSettingsBlocks } from "./usage.ts";

const documented: Command<unknown>[] = [SIMULATE, LISTEN];

/** Adds a command whose README block `writeSettingsBlocks` should write. */
export function documentCommand(command: Command<unknown>): void {
  if (!documented.includes(command)) documented.push(command);
}

export function documentedCommands(): readonly Command<unknown>[] {
  return documented;
}

/** The README text with every documented command's settings block regenerated. */
export function writeSettingsBlocks(readmeText: string, commands = documented): string {
  return withSettingsBlocks(readmeText, commands);
}

/** Rewrites the README file's settings blocks; true if it changed. */
export function writeSettingsFile(path = README): boolean {
  const before = readFileSync(path, "utf8");
  const after = writeSettingsBlocks(before);
  if (after !== before) writeFileSync(path, after);
  return after !== before;
}
