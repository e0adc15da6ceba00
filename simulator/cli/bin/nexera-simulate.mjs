#!/usr/bin/env node
// The package's `nexera-simulate` bin (run.mjs: one process, its signals reach the command).
import { run } from "./run.mjs";

await run(new URL("../simulate.ts", import.meta.url));
