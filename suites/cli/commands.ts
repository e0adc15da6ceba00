// Every command whose settings table the README shows: the simulator's, certify's, bench's and report:browse's.
import { SIMULATOR_COMMANDS } from "../../simulator/cli/docs.ts";
import type { Command } from "../../simulator/cli/settings/command.ts";
import { BENCH } from "./bench-settings.ts";
import { BROWSE } from "./browse-report-settings.ts";
import { CERTIFY } from "./certify-settings.ts";

export const COMMANDS: readonly Command<unknown>[] = [
  ...SIMULATOR_COMMANDS,
  CERTIFY as Command<unknown>,
  BENCH as Command<unknown>,
  BROWSE as Command<unknown>,
];
