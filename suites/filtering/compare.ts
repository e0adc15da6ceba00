// Sends a list query restricted to the data set and compares the target's answer
// with the suite's own evaluation (model/filter-oracle.ts).
import { describeQuery, evaluate, type ListQuery, queryPairs, type Ticket } from "../model/filter-oracle.ts";
import { canonical, sameJson } from "../model/subset.ts";
import type { Case } from "../report/case.ts";
import { countHeader, expectError, expectStatus } from "../report/checks.ts";
import type { Dataset } from "./dataset.ts";

/** The query with an id clause keeping it to the data set, unless it filters by id itself. */
export function restrict(c: Case, ds: Dataset, q: ListQuery): ListQuery {
  const idField = c.ctx.model.filterFields.get(ds.idName)?.field.name;
  if (q.clauses.some((x) => x.field === idField)) return q;
  return {
    ...q,
    clauses: [{ name: ds.idName, field: idField ?? ds.idName, values: [...ds.ids], style: "comma" }, ...q.clauses],
  };
}

const label = (t: Ticket) => String(t.id ?? canonical(t).slice(0, 60));

/** `extra` pairs go to the target but not to the oracle: parameters the target must ignore. */
export async function compareList(
  c: Case,
  ds: Dataset,
  query: ListQuery,
  attach = true,
  extra: ReadonlyArray<[string, string]> = [],
): Promise<void> {
  const { model, target } = c.ctx;
  const q = restrict(c, ds, query);
  const want = evaluate(model, ds.tickets, q);
  const ex = await c.call(
    { method: "GET", url: target.tickets, query: [...queryPairs(model, q), ...extra] },
    { attach },
  );
  const shown = [describeQuery(model, query), ...extra.map(([k, v]) => `${k}=${v}`)].filter(Boolean).join("&");
  expectStatus(c, ex, 200, `a valid list query (${shown}) answers 200 (TMF621 v4 declares no 206)`);
  const items = ex.response.json;
  c.must(Array.isArray(items), "the list answer must be a JSON array", ex);
  const total = countHeader(c, ex, "x-total-count");
  const result = countHeader(c, ex, "x-result-count");
  c.must(
    total === want.total,
    `X-Total-Count must count every match of ${shown}: expected ${want.total}, got ${total}`,
    ex,
  );
  c.must(
    result === items.length,
    `X-Result-Count must equal the number of items returned (${items.length}), got ${result}`,
    ex,
  );
  const got = items as Ticket[];
  const idsWant = want.items.map(label);
  const idsGot = got.map(label);
  c.must(
    got.length === want.items.length,
    `${shown} must return ${want.items.length} item(s) [${idsWant.join(", ")}] by the suite's own evaluation, got ${got.length} [${idsGot.join(", ")}]`,
    ex,
  );
  for (let i = 0; i < got.length; i++) {
    if (!sameJson(got[i], want.items[i])) {
      c.fail(
        `item ${i} of ${shown} differs from the suite's evaluation (order: ${model.order.map((o) => `${o.field} ${o.direction}`).join(", then ")}; fields: ${query.fields?.join(",") ?? "all"}):\n    expected ${canonical(want.items[i]).slice(0, 400)}\n    got      ${canonical(got[i]).slice(0, 400)}\n    expected order [${idsWant.join(", ")}]\n    got order      [${idsGot.join(", ")}]`,
        ex,
      );
    }
  }
}

/**
 * A query parameter the profile does not know (filtering.unknownParameters): 400
 * naming it when the profile rejects them, else ignored (the list as without it).
 */
export async function expectUnknownParameter(
  c: Case,
  ds: Dataset,
  pairs: Array<[string, string]>,
  why: string,
): Promise<void> {
  if (c.ctx.model.rejectUnknownParameters) return expectRejected(c, ds, pairs, why);
  await compareList(c, ds, { clauses: [] }, true, pairs);
}

export async function expectRejected(c: Case, ds: Dataset, pairs: Array<[string, string]>, why: string): Promise<void> {
  const restricted = [[ds.idName, ds.ids.join(",")] as [string, string], ...pairs];
  const ex = await c.call({ method: "GET", url: c.ctx.target.tickets, query: restricted });
  expectError(c, ex, 400, why, [pairs[0]![0].split(".")[0]!]);
}
