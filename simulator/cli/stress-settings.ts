// `npm run stress` settings: how much load, how it is spread, and the bars the run is
// judged by (docs/decisions/0010-bounded-state.md). NEXERA_STRESS_* variables, a config file.
import { defineCommand } from "./settings/command.ts";
import { integer } from "./settings/parsers.ts";

export interface StressValues {
  requests: number;
  connections: number;
  hotTickets: number;
  ticketLimit: number;
  warmup: number;
  settleMs: number;
  tolerance: number;
  seed: number;
}

/** Below the share of creates of the busiest operators in the mix (stress/mix.ts), so they reach the limit. */
const TICKET_LIMIT_SHARE = 0.04;

export const STRESS = defineCommand<StressValues>({
  name: "stress",
  invocation: "npm run stress --",
  summary:
    "Starts the simulator in a child process and a recording listener, sends valid and hostile requests mixed over\n" +
    "several connections (concurrent note PATCHes on a few tickets among them), then reports the 5xx answers, lost\n" +
    "updates and the simulator's resident memory before, at peak and after a reset and a settle. Exit 0 when every\n" +
    "bar is met, 1 when one is missed (each named), 2 for bad settings, 3 when the run itself failed.",
  envPrefix: "NEXERA_STRESS_",
  settings: {
    requests: {
      flag: "requests",
      parse: integer(100, 10_000_000),
      default: 10_000,
      help: "requests of the measured run, valid and hostile mixed",
    },
    connections: {
      flag: "connections",
      parse: integer(1, 256),
      default: 8,
      help: "concurrent connections (keep-alive sockets) the requests are spread over",
    },
    hotTickets: {
      flag: "hot-tickets",
      parse: integer(1, 100),
      default: 4,
      help: "tickets that receive a fifth of the requests as concurrent note PATCHes: none may be lost",
    },
    ticketLimit: {
      flag: "ticket-limit",
      parse: integer(1),
      default: (given) => Math.max(50, Math.round((given.requests ?? 10_000) * TICKET_LIMIT_SHARE)),
      defaultText: `${TICKET_LIMIT_SHARE * 100}% of --requests (at least 50)`,
      help: "the simulator's --max-tickets-per-operator during the run: the creating operators of the mix reach it, so its 409 is part of the load",
    },
    warmup: {
      flag: "warmup",
      parse: integer(0),
      default: 2000,
      help: "requests of the same mix sent before the run (then a reset), so the memory before is the warm simulator's",
    },
    settleMs: {
      flag: "settle-ms",
      parse: integer(0, undefined, "MS"),
      default: 3000,
      help: "wait after each reset before the full garbage collection and the memory reading (before, after)",
    },
    tolerance: {
      flag: "memory-tolerance",
      parse: integer(0, 1000, "PERCENT"),
      default: 20,
      help: "how far above the memory before the memory after may be",
    },
    seed: {
      flag: "seed",
      parse: integer(-(2 ** 31), 2 ** 31 - 1),
      default: () => Math.floor(Math.random() * 2 ** 31),
      defaultText: "random, printed on every run",
      help: "seed of the mix: the same seed sends the same requests in the same order",
    },
  },
});
