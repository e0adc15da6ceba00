// Hostile list queries (docs/rules.md §7) over two tickets of the run that share a
// marker: injection-shaped values of exact filters match nothing (the rules compare
// exactly, so nothing is a pattern or code), unreadable values of ordered filters and
// paging are 400 naming the parameter, repeated and conflicting parameters answer as
// the rules say (the suites' own evaluation), and odd parameter names are unknown ones.
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { FilterField } from "../../simulator/model/model.ts";
import { type Clause, evaluate, type ListQuery, queryPairs, type Ticket } from "../model/filter-oracle.ts";
import { INJECTIONS, injectionArb } from "../model/hostile-text.ts";
import { Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket } from "../support/tickets.ts";
import { countGuard, fixture, probing, property } from "./cases.ts";
import { expectRefused, robustness } from "./judge.ts";
import type { Probe } from "./probe.ts";

const { model, runId } = suiteFile();
const fx = fixture(model);
const marker = fx.spots.marker;
const list = `GET /${model.resource}`;
const mine: Ticket[] = [];
const Q = `${runId}-rbq`;
const ordered = (f: FilterField) => f.field.format === "date-time" || ["integer", "number"].includes(f.field.type);
const exact = model.filterFieldList.filter((f) => !ordered(f) && !f.field.enumValues && f.field.type === "string");
const orderedNames = model.filterFieldList
  .filter(ordered)
  .flatMap((f) => [f.names[0]!, ...f.operators.map((o) => `${f.names[0]}.${o}`)]);
const { offset, limit } = model.reserved;
const markerClause = (): Clause[] =>
  marker ? [{ name: marker.param, field: marker.field, values: [Q], style: "comma" }] : [];

beforeAll(async () => {
  if (!marker) return;
  const c = new Case(robustness(list, "set-up: two tickets sharing a marker", "TMF", "§7"));
  for (let i = 0; i < 2; i++) mine.push(await freshTicket(c, model.defaultTicketType, { [marker.field]: Q }));
});

/** Sends a query and checks the answer against the suites' evaluation over the run's two tickets. */
async function expectList(c: Case, p: Probe, q: ListQuery, extra: Array<[string, string]>, what: string) {
  const pairs = [...queryPairs(model, q), ...extra];
  const path = `/${model.resource}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
  const ex = await p.send({ method: "GET", path }, what);
  const want = evaluate(model, mine, q).total;
  if (ex.response.status >= 500) c.fail(`${what}: answered ${ex.response.status}, a 5xx`, ex);
  c.must(ex.response.status === 200, `${what}: a valid list query answers 200`, ex);
  const total = Number(ex.response.headers["x-total-count"]);
  c.must(total === want, `${what}: X-Total-Count must be ${want} by the rules, got ${total}`, ex);
  await p.expectIntact(what);
}

describe.skipIf(!marker).concurrent("robustness: hostile queries", () => {
  const injected = "answers injection-shaped values of exact filters with 200 and no match (generated)";
  it(
    injected,
    check(robustness(list, "a filter matches exactly and case-sensitively", "TMF", "§7"), async (c: Case) => {
      const arb = fc.tuple(fc.constantFrom(...exact), injectionArb(Q));
      await property(c, injected, countGuard(fx, Q), arb, async (p, [f, value]) => {
        const clauses: Clause[] = [
          ...(f.field.name === marker?.field ? [] : markerClause()),
          { name: f.names[0]!, field: f.field.name, values: [value], style: "repeat" },
        ];
        await expectList(c, p, { clauses }, [], `${f.names[0]}=${JSON.stringify(value)}`);
      });
    }),
  );

  const unreadable =
    "refuses injection-shaped values of ordered filters and of paging with 400 naming the parameter (generated)";
  it(
    unreadable,
    check(robustness(list, "an unreadable value of a filter or of paging is 400", "chosen", "§7"), async (c: Case) => {
      const arb = fc.tuple(fc.constantFrom(...orderedNames, offset, limit), fc.constantFrom(...INJECTIONS));
      await property(c, unreadable, countGuard(fx, Q), arb, async (p, [name, value]) => {
        const what = `${name}=${JSON.stringify(value)}`;
        const path = `/${model.resource}?${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
        const ex = await p.send({ method: "GET", path }, what);
        expectRefused(c, ex, { status: 400, says: [name], sent: what });
        await p.expectIntact(what);
      });
    }),
  );

  it(
    "answers a filter given twice, or with a comma, as either value (OR)",
    check(
      robustness(list, "a repeated parameter or a comma keeps tickets matching either value", "TMF", "§7"),
      async (c: Case) => {
        const m = marker!;
        await probing(c, countGuard(fx, Q), async (p) => {
          for (const [values, style] of [
            [[Q, `${Q}-none`], "repeat"],
            [[`${Q}-none`, Q], "comma"],
            [[`${Q}-a`, `${Q}-b`], "repeat"],
          ] as const) {
            const q = { clauses: [{ name: m.param, field: m.field, values, style }] };
            await expectList(
              c,
              p,
              q,
              [],
              queryPairs(model, q)
                .map((x) => x.join("="))
                .join("&"),
            );
          }
        });
      },
    ),
  );

  // The creation date: every ticket has one, so each bound decides.
  const date = model.filterFieldList.find(
    (f) => f.field.name === model.serverFields.createdAt && f.operators.includes("gt") && f.operators.includes("lt"),
  );
  if (date) {
    it(
      `answers conflicting bounds on ${date.names[0]} as the rules say: none for gt later and lt earlier, either for gt twice`,
      check(
        robustness(list, "different parameters must all match; a repeated one, either", "TMF", "§7"),
        async (c: Case) => {
          const later = new Date(Date.now() + 86_400_000).toISOString();
          const earlier = "2000-01-01T00:00:00Z";
          const bound = (op: "gt" | "lt", values: string[]): Clause => ({
            name: date.names[0]!,
            field: date.field.name,
            op,
            values,
            style: "repeat",
          });
          await probing(c, countGuard(fx, Q), async (p) => {
            for (const clauses of [
              [bound("gt", [later]), bound("lt", [earlier])],
              [bound("gt", [later, earlier])],
              [bound("gt", [earlier]), bound("lt", [later])],
            ]) {
              const q = { clauses: [...markerClause(), ...clauses] };
              await expectList(
                c,
                p,
                q,
                [],
                queryPairs(model, q)
                  .map((x) => x.join("="))
                  .join("&"),
              );
            }
          });
        },
      ),
    );
  }

  it(
    `refuses ${offset} or ${limit} given twice with 400 naming it`,
    check(robustness(list, "offset or limit given twice is 400", "chosen", "§7"), async (c: Case) => {
      await probing(c, countGuard(fx, Q), async (p) => {
        for (const name of [offset, limit]) {
          const what = `${name} given twice`;
          const ex = await p.send({ method: "GET", path: `/${model.resource}?${name}=1&${name}=2` }, what);
          expectRefused(c, ex, { status: 400, says: [name], sent: what });
          await p.expectIntact(what);
        }
      });
    }),
  );

  const rejects = model.rejectUnknownParameters;
  it(
    `judges parameters named __proto__, constructor, name[$ne] and $where as unknown (${rejects ? "400" : "ignored"})`,
    check(
      robustness(
        list,
        rejects ? "any other query parameter is 400" : "any other query parameter is ignored",
        model.file.filtering.unknownParameters.provenance,
        "§7",
      ),
      async (c: Case) => {
        await probing(c, countGuard(fx, Q), async (p) => {
          for (const name of ["__proto__", "constructor", `${marker?.param}[$ne]`, "$where", "prototype"]) {
            const what = `the parameter ${name}`;
            if (!rejects) await expectList(c, p, { clauses: markerClause() }, [[name, "1"]], what);
            else {
              const q = `${encodeURIComponent(name)}=1&${encodeURIComponent(marker!.param)}=${encodeURIComponent(Q)}`;
              const ex = await p.send({ method: "GET", path: `/${model.resource}?${q}` }, what);
              expectRefused(c, ex, { status: 400, says: [name], sent: what });
              await p.expectIntact(what);
            }
          }
        });
      },
    ),
  );
});
