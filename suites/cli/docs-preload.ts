// Preloaded by `npm run docs` (package.json) so that the docs command, which lives in
// the simulator and never imports the suites, also writes certify's settings block.
import { documentCommand } from "../../simulator/cli/settings/readme.ts";
import { CERTIFY } from "./certify-settings.ts";

documentCommand(CERTIFY);
