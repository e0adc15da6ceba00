// The simulator of a stress run: `npm run simulate`'s own main, in a process of its own so
// that its resident memory is measured apart from the load generator's, plus one thing
// only a measurement needs: on an IPC "gc" message, a full garbage collection (node runs
// it with --expose-gc), then the process's memory in reply. Nothing else differs.
import { main } from "../simulate.ts";

process.on("message", (message: unknown) => {
  if (message !== "gc") return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ memory: process.memoryUsage() });
});

main(process.argv.slice(2)).then((code) => process.exit(code));
