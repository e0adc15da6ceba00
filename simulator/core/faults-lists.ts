// The core's faults of lists (docs/rules.md §7): filters, fields, paging and order,
// each asked for where it bends: query.ts (how a query is read) and tickets.ts (the page).
// The count headers are the HTTP edge's (simulator/http/tickets.ts).
import type { Model } from "../model/model.ts";
import { escapeRegExp, type FaultSpec } from "./fault-spec.ts";

export const LIST_FAULTS: readonly FaultSpec[] = [
  {
    name: "ignore-operator",
    description: "filters with a comparison operator are accepted and ignored",
    arg: {
      name: "<gt|gte|lt|lte|eq>",
      examples: (m) => (m.filterFieldList.some((ff) => ff.operators.includes("gt")) ? ["gt"] : []),
    },
    proof: { suites: ["filtering"], names: (op) => new RegExp(`\\.${op} as (instants|numbers)`) },
  },
  {
    name: "swap-inclusive",
    description: "comparison filters swap inclusive and exclusive (gt acts as gte, lte as lt, ...)",
    proof: { suites: ["filtering"], names: /\.(gt|gte|lt|lte) as (instants|numbers)/ },
  },
  {
    name: "or-as-and",
    description: "a filter's list of values (a,b or a repeated parameter) must all match, not any",
    proof: { suites: ["filtering"], names: / as OR/ },
  },
  {
    name: "ignore-case",
    description: "exact filters match whatever the case",
    proof: { suites: ["filtering"], names: /case-sensitively/ },
  },
  {
    name: "ignore-fields",
    description: "the fields parameter is accepted and ignored: whole tickets come back",
    proof: {
      suites: ["filtering"],
      names: (_, m) => new RegExp(`returns only the requested ${escapeRegExp(m.reserved.fields)}=`),
    },
  },
  {
    name: "ignore-offset",
    description: "the offset parameter is accepted and ignored",
    proof: { suites: ["filtering"], names: (_, m) => pagingNames(m, "offset") },
  },
  {
    name: "ignore-limit",
    description: "the limit parameter is accepted and ignored",
    proof: { suites: ["filtering"], names: (_, m) => pagingNames(m, "limit") },
  },
  {
    name: "offset-off-by-one",
    description: "the offset parameter skips one ticket too many",
    proof: { suites: ["filtering"], names: (_, m) => pagingNames(m, "offset") },
  },
  {
    name: "limit-off-by-one",
    description: "the limit parameter lets one ticket too many into the page",
    proof: { suites: ["filtering"], names: (_, m) => pagingNames(m, "limit") },
  },
  {
    name: "shuffle-order",
    description: "lists come in no stable order (shuffled on every request)",
    proof: { suites: ["filtering"], names: /lists the data set in .* order/ },
  },
];

/** The paging suite's case of one parameter (suites/filtering/paging.test.ts). */
function pagingNames(m: Model, parameter: "offset" | "limit"): RegExp {
  const what = parameter === "offset" ? "skips the first" : "returns at most";
  return new RegExp(`${what} \\d+ matches with ${escapeRegExp(m.reserved[parameter])}=`);
}
