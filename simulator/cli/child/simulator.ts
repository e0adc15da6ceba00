// The simulator of a measured run (npm run stress, npm run bench): `npm run simulate`'s own
// main, in a process of its own so that its resident memory is measured apart from the load
// generator's, plus what only a measurement needs, asked for by IPC message:
//   "gc"                                a full garbage collection (node runs it with --expose-gc),
//                                       then the process's memory in reply;
//   { create: { texts, count, operators, from } }   `count` tickets through TicketService.create,
//                                       the validation and store code a POST takes, without HTTP,
//                                       so a million tickets load in a minute: the i-th body is
//                                       texts[i % n] with "{i}" replaced by from + i, parsed as the
//                                       JSON of a request is (so no two tickets share their strings),
//                                       by operators[i % m]; replies { created, at }.
// Nothing else differs.
import type { TicketService } from "../../core/tickets.ts";
import { main } from "../simulate.ts";

interface Create {
  texts: readonly string[];
  count: number;
  operators: readonly string[];
  from: number;
}

let service: TicketService | undefined;

process.on("message", (message: unknown) => {
  if (message === "gc") {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ memory: process.memoryUsage() });
    return;
  }
  const create = (message as { create?: Create } | null)?.create;
  if (create === undefined) return;
  try {
    if (!service) throw new Error("the simulator is not ready");
    const { texts, count, operators, from } = create;
    for (let i = 0; i < count; i++) {
      const text = (texts[i % texts.length] as string).replaceAll("{i}", String(from + i));
      service.create(operators[i % operators.length] as string, JSON.parse(text));
    }
    process.send?.({ created: count, at: new Date().toISOString() });
  } catch (e) {
    process.send?.({ error: (e as Error).message });
  }
});

main(process.argv.slice(2), process.env, (app) => {
  service = app.tickets;
}).then((code) => process.exit(code));
