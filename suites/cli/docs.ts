// `npm run docs`: simulator/cli/docs.ts over every command's settings table, certify's
// included (its table lives with certify, in the suites, which the simulator never imports).
import { main } from "../../simulator/cli/docs.ts";
import { COMMANDS } from "./commands.ts";

process.exitCode = main(process.argv.slice(2), COMMANDS);
