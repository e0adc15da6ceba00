// npm run docs: regenerates the README's generated blocks: the table of chosen rules
// from the default profile, and each command's settings table (settings/readme.ts).
import { loadProfile } from "../model/load.ts";
import { README, writeReadme } from "../model/readme.ts";
import { readCli } from "./settings/cli.ts";
import { defineCommand } from "./settings/command.ts";
import { writeSettingsFile } from "./settings/readme.ts";

const DOCS = defineCommand<Record<never, never>>({
  name: "docs",
  invocation: "npm run docs --",
  summary: "Regenerates the README's generated blocks: the chosen rules and every command's settings table.",
  envPrefix: "NEXERA_DOCS_",
  settings: {},
});
const read = readCli(DOCS, process.argv.slice(2));
if ("exit" in read) process.exit(read.exit);

const changed = writeReadme(loadProfile());
const settingsChanged = writeSettingsFile();
console.log(changed || settingsChanged ? `updated ${README}` : `${README} already up to date`);
