// `npm run bench` settings: which sections run, how long each round lasts, the sizes of
// the store. NEXERA_BENCH_* variables, a config file (docs/decisions/0013-benchmarks.md).
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { integer, oneOf, path } from "../../simulator/cli/settings/parsers.ts";

export const SECTIONS = ["throughput", "filtering", "events", "certify"] as const;
export type Section = (typeof SECTIONS)[number];
export const DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000];

export interface BenchValues {
  only: readonly Section[];
  rounds: number;
  roundSeconds: number;
  connections: number;
  sizes: readonly number[];
  querySeconds: number;
  changes: number;
  events: number;
  seed: number;
  out: string;
}

export const BENCH = defineCommand<BenchValues>({
  name: "bench",
  invocation: "npm run bench --",
  summary:
    "Measures the simulator and certify, each figure a ratio against a baseline measured in the same run or a\n" +
    "growth curve: throughput and p99 of GET, PATCH and POST against a bare fastify route, a filtered list at growing\n" +
    "sizes and the memory holding them, event delivery, and a full certify run. Prints a table, writes\n" +
    "reports/bench/<timestamp>.json. Exit 0 when it ran (a goal missed is reported, not failed), 2 for bad settings,\n" +
    "3 when a measurement failed.",
  envPrefix: "NEXERA_BENCH_",
  settings: {
    only: {
      flag: "only",
      parse: oneOf(SECTIONS),
      repeats: true,
      defaultText: "every section",
      help: "run only these sections: throughput, filtering (with the memory), events, certify",
    },
    rounds: {
      flag: "rounds",
      parse: integer(1, 20),
      default: 3,
      help: "throughput: rounds of each operation, simulator and bare route alternating",
    },
    roundSeconds: {
      flag: "round-seconds",
      parse: integer(1, 60, "S"),
      default: 5,
      help: "throughput: seconds of load per round and target",
    },
    connections: {
      flag: "connections",
      parse: integer(1, 256),
      default: 10,
      help: "throughput: concurrent keep-alive connections",
    },
    sizes: {
      flag: "size",
      parse: integer(100, 2_000_000),
      repeats: true,
      defaultText: DEFAULT_SIZES.join(", "),
      help: "filtering: the numbers of stored tickets the list is asked at (repeatable)",
    },
    querySeconds: {
      flag: "query-seconds",
      parse: integer(1, 60, "S"),
      default: 3,
      help: "filtering: seconds the list is asked, one request at a time, at each size",
    },
    changes: {
      flag: "changes",
      parse: integer(10, 100_000),
      default: 200,
      help: "events: changes timed from the PATCH to the listener's receipt, per number of subscriptions",
    },
    events: {
      flag: "events",
      parse: integer(100, 1_000_000),
      default: 10_000,
      help: "events: events sent through a listener that refuses a tenth of them",
    },
    seed: {
      flag: "seed",
      parse: integer(-(2 ** 31), 2 ** 31 - 1),
      default: 42,
      help: "certify: the seed of the timed run",
    },
    out: {
      flag: "out",
      parse: path("DIR"),
      default: "reports/bench",
      defaultText: "`reports/bench`",
      help: "where <timestamp>.json goes",
    },
  },
});
