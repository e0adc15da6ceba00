#!/usr/bin/env node
// The package's `nexera-certify` bin (run.mjs: one process, its signals reach the command).
import { run } from "../../../simulator/cli/bin/run.mjs";

await run(new URL("../certify.ts", import.meta.url));
