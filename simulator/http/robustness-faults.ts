// The hostile-input faults (catalogue: faults.ts; mechanism: simulator/core/faults.ts):
// a server that breaks under input a client should never send, to show that the
// robustness suite catches a 5xx where the rules want a 4xx (docs/rules.md §2).
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { FaultSpec } from "../core/faults.ts";
import { MAX_BODY_DEPTH } from "../model/limits.ts";

/** As faults.ts's HttpFaultSpec (declared here too: that file imports this one). */
interface HookFault extends FaultSpec {
  readonly install: (app: FastifyInstance, arg: string | undefined) => void;
}

export const ROBUSTNESS_FAULTS: readonly HookFault[] = [
  {
    name: "crash-on-deep-nesting",
    description: "a body nested deeper than the limit is answered 500, as by a server whose recursive walk overflows",
    proof: { suites: ["robustness"], names: /nested \d+ levels/ },
    install: (app) =>
      app.addHook("preParsing", async (request, _reply, payload) => {
        // Bodies over the limit, or of unknown length, keep their usual answer (413).
        const declared = Number(request.headers["content-length"]);
        if (!(declared <= app.initialConfig.bodyLimit!)) return payload;
        const chunks: Buffer[] = [];
        for await (const chunk of payload) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        if (depthOf(parsed(body)) > MAX_BODY_DEPTH)
          throw new RangeError("Maximum call stack size exceeded (simulated: crash-on-deep-nesting)");
        return Readable.from([body]);
      }),
  },
];

function parsed(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The nesting of a JSON value, the naive way: recursion, which a deep enough value overflows too. */
function depthOf(v: unknown): number {
  if (typeof v !== "object" || v === null) return 0;
  let deepest = 0;
  for (const child of Object.values(v)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}
