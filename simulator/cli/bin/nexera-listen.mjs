#!/usr/bin/env node
// The package's `nexera-listen` bin (run.mjs: one process, its signals reach the command).
import { run } from "./run.mjs";

await run(new URL("../listen.ts", import.meta.url));
