#!/usr/bin/env node
// The package's `nexera-simulate` bin: one node process that loads the TypeScript command
// with tsx's loader, so a signal sent to this PID reaches the command itself.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../simulate.ts");
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(3);
  },
);
