// Whether a target still takes connections at all. A request that got no answer is a
// finding only while the target is there to answer others: once a fresh connection is
// refused too, the target is gone (killed, crashed, network down), which ends the run
// as a harness fault (suites/cli/target-watch.ts), not as a case's failure.
import { connect } from "node:net";

/** Why a fresh TCP connection to `url`'s origin fails within `ms`, or undefined when it opens. */
export function refusesConnections(url: string, ms = 2000): Promise<string | undefined> {
  const u = new URL(url);
  const port = Number(u.port) || (u.protocol === "https:" ? 443 : 80);
  return new Promise((done) => {
    const socket = connect({ host: u.hostname, port });
    const end = (why: string | undefined) => {
      socket.destroy();
      done(why);
    };
    socket.setTimeout(ms, () => end(`no connection within ${ms} ms`));
    socket.once("connect", () => end(undefined));
    socket.once("error", (e: NodeJS.ErrnoException) => end(e.code ?? e.message));
  });
}
