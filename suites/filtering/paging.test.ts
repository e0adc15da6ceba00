// Order, paging, fields, and what a list query may not carry (docs/rules.md §7, TMF630).
import { beforeAll, describe, it } from "vitest";
import { Case, check, type RuleRef } from "../report/case.ts";
import { countHeader, expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { holds } from "../support/property.ts";
import { ticketUrl } from "../support/tickets.ts";
import { compareList, expectRejected, expectUnknownParameter } from "./compare.ts";
import { buildDataset, type Dataset } from "./dataset.ts";
import { queryArb } from "./query-arb.ts";

const { model, runId } = suiteFile();
const operation = `GET /${model.resource}`;
const rule = (r: string, provenance = "TMF", source = "docs/rules.md §7"): RuleRef => ({
  area: "Filtering",
  operation,
  rule: r,
  provenance,
  source,
});
const orderText = model.order.map((o) => `${o.field} ${o.direction}`).join(" then ");
const { fields: FIELDS, offset: OFFSET, limit: LIMIT } = model.reserved;
/** A second attribute to project: the ticket type field, or the status when the profile has none. */
const other = model.ticketTypeField ?? model.lifecycle.field;
const shown = model.filterFieldList.find((ff) => ff.field.type === "string" && !ff.field.server)?.field.name ?? other;
const notFilter =
  model.root.fields.find((f) => !model.filterFields.has(f.name) && f.name === model.lifecycle.field) ??
  model.root.fields.find((f) => !model.filterFields.has(f.name))!;
let ds: Dataset;

beforeAll(async () => {
  ds = await buildDataset(new Case(rule("data set of the paging suite")));
});

describe.concurrent("list order, paging and fields", () => {
  it(
    `lists the data set in ${orderText} order`,
    check(rule(`order: ${orderText}`, model.file.filtering.limit.provenance, "docs/rules.md §7 (chosen)"), (c: Case) =>
      compareList(c, ds, { clauses: [] }),
    ),
  );

  for (const size of [1, 2, 5].filter((n) => n <= model.limit.max)) {
    it(
      `pages through the set with ${LIMIT}=${size} in a stable order`,
      check(rule(`${OFFSET}/${LIMIT} pages are stable (${orderText})`), async (c: Case) => {
        for (let offset = 0; offset < ds.ids.length; offset += size)
          await compareList(c, ds, { clauses: [], offset, limit: size });
      }),
    );
  }

  // One parameter at a time, so a failure names the one that is misread; below the
  // default page size, so that a limit left unread shows.
  const step = Math.max(1, Math.min(3, model.limit.default - 1));
  it(
    `skips the first ${step} matches with ${OFFSET}=${step}`,
    check(rule(`${OFFSET} skips that many matching tickets`, "TMF", "docs/rules.md §7, TMF630"), (c: Case) =>
      compareList(c, ds, { clauses: [], offset: step }),
    ),
  );

  it(
    `returns at most ${step} matches with ${LIMIT}=${step}`,
    check(rule(`${LIMIT} caps the page at that many tickets`, "TMF", "docs/rules.md §7, TMF630"), (c: Case) =>
      compareList(c, ds, { clauses: [], limit: step }),
    ),
  );

  it(
    `answers an ${OFFSET} past the end with no items and the full X-Total-Count`,
    check(rule(`${OFFSET} past the end`), (c: Case) => compareList(c, ds, { clauses: [], offset: ds.ids.length + 5 })),
  );

  it(
    `returns only the requested ${FIELDS}=${shown},${other} on the list`,
    check(rule(`${FIELDS} returns only those first-level attributes`, "TMF", "docs/rules.md §7, TMF630"), (c: Case) =>
      compareList(c, ds, { clauses: [], fields: [shown, other] }),
    ),
  );

  it(
    `returns only the requested ${FIELDS}=${shown},${other} on GET /{id}`,
    check(
      {
        ...rule(
          `${FIELDS} applies to GET /{id} too`,
          "TMF",
          "docs/rules.md §7; the TMF621 CTK asserts exactly the requested keys",
        ),
        operation: `GET /${model.resource}/{id}`,
      },
      async (c: Case) => {
        const id = ds.ids[0]!;
        const full = ds.tickets[0]!;
        const ex = await c.call({ method: "GET", url: ticketUrl(c, id), query: [[FIELDS, `${shown},${other}`]] });
        expectStatus(c, ex, 200, "GET /{id} with fields");
        const keys = Object.keys((ex.response.json ?? {}) as object).sort();
        const want = [shown, other].filter((k) => Object.hasOwn(full, k)).sort();
        c.must(
          JSON.stringify(keys) === JSON.stringify(want),
          `GET /{id}?${FIELDS}=${shown},${other} must return exactly [${want.join(", ")}], got [${keys.join(", ")}]`,
          ex,
        );
      },
    ),
  );

  it(
    "counts every match in X-Total-Count and the page in X-Result-Count",
    check(rule("X-Total-Count counts all matches, X-Result-Count the returned ones"), async (c: Case) => {
      const ex = await c.call({
        method: "GET",
        url: c.ctx.target.tickets,
        query: [
          [ds.idName, ds.ids.join(",")],
          [LIMIT, "2"],
        ],
      });
      expectStatus(c, ex, 200, "a valid list query");
      c.must(
        countHeader(c, ex, "x-total-count") === ds.ids.length,
        `X-Total-Count must be ${ds.ids.length} (every match, not the page)`,
        ex,
      );
      c.must(countHeader(c, ex, "x-result-count") === 2, "X-Result-Count must be 2 (the page)", ex);
    }),
  );

  const unknown = model.file.filtering.unknownParameters;
  const verb = model.rejectUnknownParameters ? "rejects" : "ignores";
  const outcome = model.rejectUnknownParameters ? "400" : "ignored";
  it(
    `${verb} a query parameter the profile does not know`,
    check(
      rule(
        `any other query parameter is ${outcome}`,
        unknown.provenance,
        unknown.source ?? "docs/rules.md §7 (chosen)",
      ),
      (c: Case) => expectUnknownParameter(c, ds, [["xUnknownParam", "1"]], "unknown query parameter"),
    ),
  );

  it(
    `${verb} ${notFilter.name}, which is not a filter field`,
    check(
      rule(`${notFilter.name} is not in the profile's filter list: ${outcome}`, unknown.provenance, "docs/rules.md §7"),
      (c: Case) => expectUnknownParameter(c, ds, [[notFilter.name, "x"]], `${notFilter.name} is not a filter`),
    ),
  );

  for (const p of [OFFSET, LIMIT]) {
    it(
      `rejects an unparsable ${p}`,
      check(rule(`an unparsable ${p} is 400`, "chosen", "docs/rules.md §7"), (c: Case) =>
        expectRejected(c, ds, [[p, "abc"]], `unparsable ${p}`),
      ),
    );
  }

  const title = "generated filter combinations with fields, offset and limit match the suite's own evaluation";
  it(
    title,
    check(
      rule("filters AND together, lists OR, pages and fields compose", "TMF", "docs/rules.md §7, TMF630"),
      async (c: Case) => {
        await holds(c, title, queryArb(model, ds, runId), (q) => compareList(c, ds, q, false));
      },
    ),
  );
});
