// Every command whose settings table the README shows: the simulator's and certify's.
import { SIMULATOR_COMMANDS } from "../../simulator/cli/docs.ts";
import type { Command } from "../../simulator/cli/settings/command.ts";
import { CERTIFY } from "./certify-settings.ts";

export const COMMANDS: readonly Command<unknown>[] = [...SIMULATOR_COMMANDS, CERTIFY as Command<unknown>];
