// What the package's bins share: one node process that loads a TypeScript command with
// tsx's loader, so a signal sent to the bin's PID reaches the command itself; the exit
// code is the command's, 3 for a crash.
import { register } from "tsx/esm/api";

/** Runs the `main(argv)` of the command module at `url` and exits with its code. */
export async function run(url) {
  register();
  try {
    const { main } = await import(url.href);
    process.exit(await main(process.argv.slice(2)));
  } catch (e) {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(3);
  }
}
