// The filtering suite's own tickets: varied over every filter field, marked with
// the run id, then read back one by one. What GET shows of them is the truth the
// oracle evaluates filters over; other data on the target never enters it.
import type { Model } from "../../simulator/model/model.ts";
import { driverOf } from "../driver/driver.ts";
import { pathTo } from "../model/lifecycle-paths.ts";
import { type Body, letterOf, minimalBody, normalize, type SampleCtx } from "../model/samples.ts";
import type { Case } from "../report/case.ts";
import { expectStatus } from "../report/checks.ts";
import { HarnessError } from "../support/errors.ts";
import { createTicket, getTicket, idOf, patchTicket, sleep, type Ticket } from "../support/tickets.ts";

export interface Dataset {
  readonly tickets: readonly Ticket[];
  readonly ids: readonly string[];
  /** The filter field that restricts a query to the data set (the id). */
  readonly idName: string;
}

/** The body of the i-th ticket: type, enum and string filter fields cycled, some left out. */
export function datasetBody(model: Model, runId: string, i: number): Body {
  const ticketType = model.ticketTypes[i % model.ticketTypes.length]!;
  const ctx: SampleCtx = { model, ticketType, op: "POST", tag: `${runId}-${i}` };
  const body = minimalBody(ctx);
  const set: string[] = [];
  for (const ff of model.filterFieldList) {
    const f = ff.field;
    if (f.name === model.ticketTypeField || f.server !== undefined) continue;
    const l = letterOf(f, ctx, body);
    if (l !== "R" && l !== "O") continue;
    if (f.enumValues) body[f.name] = f.enumValues[i % f.enumValues.length];
    else if (f.type === "boolean") body[f.name] = i % 2 === 0;
    else if (f.type === "string" && !f.format) {
      if (l === "O" && i % 4 === 3) delete body[f.name];
      else body[f.name] = `${runId}-${f.name}-${i % 3}`;
    } else continue;
    set.push(f.name);
  }
  return normalize(model.root, body, ctx, set);
}

export async function buildDataset(c: Case, size = 12): Promise<Dataset> {
  const { model, runId } = c.ctx;
  const idFilter = model.filterFieldList.find((ff) => ff.field.server === "id");
  if (!idFilter)
    throw new HarnessError("the profile has no id filter, so the filtering suite cannot keep to its own tickets");
  const lc = model.lifecycle;
  const driver = driverOf(c);
  const cancel = lc.operator.find((t) => t.from === lc.initial);
  const patchable = model.root.fields.find(
    (f) =>
      f.type === "string" &&
      !f.enumValues &&
      !f.format &&
      !model.filterFields.has(f.name) &&
      letterOf(f, { model, ticketType: model.defaultTicketType, op: "PATCH", tag: "" }, {}) === "O",
  );
  const enterStates = Object.keys(lc.onEnter);

  const ids: string[] = [];
  // Batches of three at once: some creation dates may tie, and the id must break the tie.
  for (let i = 0; i < size; i += 3) {
    const batch = await Promise.all(
      [i, i + 1, i + 2].filter((k) => k < size).map((k) => createTicket(c, datasetBody(model, runId, k))),
    );
    ids.push(...batch.map((t) => idOf(c, t)));
    await sleep(3);
  }
  await Promise.all(
    ids.map(async (id, i) => {
      if (patchable && i % 4 === 2) {
        await sleep(2);
        const ex = await patchTicket(c, id, { [patchable.name]: `${runId}-changed-${i}` });
        expectStatus(c, ex, 200, `precondition: a PATCH of ${patchable.name} is applied`);
      }
      if (cancel && lc.reasonField && i % 3 === 1) {
        const ex = await patchTicket(c, id, { [lc.field]: cancel.to, [lc.reasonField]: `${runId}-why-${i % 2}` });
        expectStatus(c, ex, 200, `precondition: the operator transition ${cancel.from} -> ${cancel.to} is applied`);
      }
      // States whose entry sets fields (resolutionDate on resolved) give the date filters something to find.
      const target = i % 6 === 0 ? enterStates[0] : undefined;
      if (target !== undefined && driver.unavailable === undefined && i % 3 !== 1) {
        for (const step of pathTo(model, target, { provider: true, operator: false }) ?? [])
          await driver.move(c, id, step.from, step.to);
      }
    }),
  );
  const tickets = await Promise.all(ids.map(async (id) => (await getTicket(c, id)).ticket));
  return { tickets, ids, idName: idFilter.names[0]! };
}
