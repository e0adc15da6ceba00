// Model-based lifecycle check (fast-check commands over the model's state machine,
// docs/rules.md §5): random sequences of operator PATCHes, Nexera transitions, notes and
// renames; after each, the target must agree with the model.
import fc from "fast-check";
import { describe, it } from "vitest";
import { canMove } from "../../simulator/model/model.ts";
import { type Driver, driverOf } from "../driver/driver.ts";
import { sampleValue } from "../model/samples.ts";
import { type Case, check } from "../report/case.ts";
import { expectError, expectStatus, expectTicket } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { holds } from "../support/property.ts";
import { freshTicket, getTicket, idOf, patchTicket, sleep } from "../support/tickets.ts";
import { statusBody } from "./walk.ts";

const { model } = suiteFile();
const lc = model.lifecycle;

interface M {
  status: string;
}
interface Real {
  readonly c: Case;
  readonly id: string;
  readonly type: string;
  readonly driver: Driver;
}

/** After every command the target's ticket must be in the model's state. */
async function agree(r: Real, m: M, after: string): Promise<void> {
  const { ex, ticket } = await getTicket(r.c, r.id);
  r.c.must(
    ticket[lc.field] === m.status,
    `after ${after} the model says ${m.status}, the target's ticket is ${JSON.stringify(ticket[lc.field])}`,
    ex,
  );
}

class OperatorStatus implements fc.AsyncCommand<M, Real> {
  constructor(readonly to: string) {}
  // Same state: not a transition, and the rules do not say what it is.
  check = (m: Readonly<M>) => m.status !== this.to;
  async run(m: M, r: Real) {
    await sleep(2);
    const ex = await patchTicket(r.c, r.id, statusBody(r.c, this.to));
    if (canMove(lc.operator, m.status, this.to)) {
      expectStatus(r.c, ex, 200, `operator transition ${m.status} -> ${this.to}`);
      m.status = this.to;
    } else expectError(r.c, ex, 409, `${m.status} -> ${this.to} is not an operator transition`);
    await agree(r, m, this.toString());
  }
  toString = () => `PATCH ${lc.field}=${this.to}`;
}

class NexeraStatus implements fc.AsyncCommand<M, Real> {
  constructor(readonly to: string) {}
  check = (m: Readonly<M>) => canMove(lc.provider, m.status, this.to);
  async run(m: M, r: Real) {
    await r.driver.move(r.c, r.id, m.status, this.to);
    m.status = this.to;
    await agree(r, m, this.toString());
  }
  toString = () => `Nexera -> ${this.to}`;
}

class Append implements fc.AsyncCommand<M, Real> {
  constructor(readonly field: string) {}
  check = () => true;
  async run(m: M, r: Real) {
    const f = model.root.byName.get(this.field)!;
    const ex = await patchTicket(r.c, r.id, {
      [this.field]: sampleValue(f, { model, ticketType: r.type, op: "PATCH", tag: r.c.ctx.runId }),
    });
    if (lc.final.has(m.status)) expectError(r.c, ex, 409, `${m.status} is final`);
    else {
      expectStatus(r.c, ex, 200, `adding a ${this.field}`);
      const rule = lc.onAppend.find((a) => a.from.includes(m.status) && a.fields.includes(this.field));
      if (rule) m.status = rule.to;
      expectTicket(r.c, ex, ex.response.json, { status: m.status });
    }
    await agree(r, m, this.toString());
  }
  toString = () => `PATCH add ${this.field}`;
}

const appendable = model.root.fields
  .filter((f) => f.onPatch === "append" && model.ticketTypes.every((t) => f.cells[t]?.PATCH.rule === "O"))
  .map((f) => f.name);

describe.concurrent("lifecycle: model-based", () => {
  for (const type of model.ticketTypes) {
    const title = `random operator, Nexera and append sequences on a ${type} follow the model`;
    it(
      title,
      check(
        {
          area: "Lifecycle",
          operation: `PATCH /${model.resource}/{id} and Nexera transitions`,
          rule: "the ticket follows the lifecycle state machine",
          provenance: "TMF",
          source: "docs/rules.md §5",
        },
        async (c: Case) => {
          const driver = driverOf(c);
          const commands = [
            fc.constantFrom(...lc.states).map((s) => new OperatorStatus(s)),
            ...(appendable.length > 0 ? [fc.constantFrom(...appendable).map((f) => new Append(f))] : []),
            // Nexera transitions are weighted up: they open the states the others act on.
            ...(driver.unavailable === undefined
              ? [
                  fc.constantFrom(...lc.states).map((s) => new NexeraStatus(s)),
                  fc.constantFrom(...lc.states).map((s) => new NexeraStatus(s)),
                ]
              : []),
          ];
          await holds(c, title, fc.commands(commands, { maxCommands: 10 }), async (cmds) => {
            await fc.asyncModelRun(
              async () => ({
                model: { status: lc.initial },
                real: { c, id: idOf(c, await freshTicket(c, type)), type, driver },
              }),
              cmds,
            );
          });
        },
      ),
    );
  }
});
