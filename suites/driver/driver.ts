// How Nexera-side changes happen (docs/rules.md §5 "Nexera-driven", §6 "by either side",
// §8): through the simulator's control interface, a driver module (contract.ts), or not
// at all (the checks that need them are skipped with the reason). A module makes
// transitions with `move` and, when it exports `set`, attribute changes too.
import { canMove, type Model } from "../../simulator/model/model.ts";
import type { Case } from "../report/case.ts";
import { DriverError } from "../support/errors.ts";
import { ticketUrl } from "../support/tickets.ts";
import type { DriverContext, DriverModule } from "./contract.ts";
import { loadedDriverModule } from "./module.ts";

export type { DriverContext, DriverModule, MoveContext, NexeraFields } from "./contract.ts";

export interface Driver {
  /** Undefined when transitions can be driven; else why checks needing them are skipped. */
  readonly unavailable?: string;
  /** Moves a ticket to `status` (a legal Nexera transition from `from`). */
  move(c: Case, id: string, from: string, status: string): Promise<void>;
  /** Undefined when Nexera-side attribute changes can be made; else why checks needing them are skipped. */
  readonly cannotSet?: string;
  /** Makes Nexera change attributes of a ticket (the profile's providerFields, docs/rules.md §6 "by either side"). */
  set(c: Case, id: string, fields: Readonly<Record<string, unknown>>): Promise<void>;
}

/** A suite asking for what the profile does not allow is the suite's bug, not the target's. */
function checkMove(model: Model, from: string, to: string): void {
  if (!canMove(model.lifecycle.provider, from, to))
    throw new DriverError(
      `asked to drive ${from} -> ${to}, which is not a Nexera transition of the profile (a suite bug)`,
    );
}
function checkFields(model: Model, fields: Readonly<Record<string, unknown>>): void {
  const unknown = Object.keys(fields).filter((k) => !model.providerFields.includes(k));
  if (unknown.length > 0)
    throw new DriverError(
      `asked Nexera to set ${unknown.join(", ")}, which the profile's providerFields do not hold (a suite bug)`,
    );
}

export function driverOf(c: Case): Driver {
  const setting = c.ctx.settings.driver;
  if (setting.kind === "none") {
    return {
      unavailable: "--driver none: Nexera-side transitions cannot be made on this target",
      move: () => Promise.reject(new DriverError("no driver")),
      cannotSet: "--driver none: Nexera-side changes cannot be made on this target",
      set: () => Promise.reject(new DriverError("no driver")),
    };
  }
  if (setting.kind === "simulator") return simulatorDriver(c.ctx.model);
  return moduleDriver(c.ctx.model, setting.path);
}

function simulatorDriver(model: Model): Driver {
  return {
    async move(c, id, from, status) {
      checkMove(model, from, status);
      const ex = await c.call({
        method: "POST",
        url: `${c.ctx.target.control}/${model.resource}/${encodeURIComponent(id)}/status`,
        json: { status, reason: `certify ${from} -> ${status}` },
      });
      if (ex.response.status < 200 || ex.response.status > 299)
        c.fail(
          `the control interface must make the Nexera transition ${from} -> ${status} (docs/rules.md §5, §8), got HTTP ${ex.response.status}`,
          ex,
        );
    },
    async set(c, id, fields) {
      checkFields(model, fields);
      const ex = await c.call({
        method: "PATCH",
        url: `${c.ctx.target.control}/${model.resource}/${encodeURIComponent(id)}`,
        json: fields,
      });
      if (ex.response.status < 200 || ex.response.status > 299)
        c.fail(
          `the control interface must let Nexera set ${Object.keys(fields).join(", ")} (docs/rules.md §8), got HTTP ${ex.response.status}`,
          ex,
        );
    },
  };
}

/** A driver module, loaded before the file's tests by suiteFile() (module.ts). */
function moduleDriver(model: Model, path: string): Driver {
  const loaded = loadedDriverModule(path);
  const driverModule = (): DriverModule => {
    if (loaded === undefined) throw new DriverError(`the driver module ${path} was not loaded before the checks ran`);
    if ("error" in loaded) throw loaded.error;
    return loaded.module;
  };
  const context = (c: Case, id: string): DriverContext => ({
    target: c.ctx.target.base,
    resource: model.resource,
    ticketUrl: ticketUrl(c, id),
  });
  const failed = (what: string, c: Case, id: string, e: unknown): DriverError =>
    e instanceof DriverError
      ? e
      : new DriverError(`the driver module failed to ${what} (${ticketUrl(c, id)}): ${(e as Error).message}`, {
          cause: e,
        });
  const canSet = loaded !== undefined && "module" in loaded ? loaded.module.set !== undefined : true;
  return {
    ...(canSet
      ? {}
      : {
          cannotSet: `the driver module ${path} exports no set(ticketId, fields): Nexera-side attribute changes cannot be made`,
        }),
    async move(c, id, from, status) {
      checkMove(model, from, status);
      try {
        await driverModule().move(id, status, { ...context(c, id), from });
      } catch (e) {
        throw failed(`move ticket ${id} ${from} -> ${status}`, c, id, e);
      }
    },
    async set(c, id, fields) {
      checkFields(model, fields);
      const set = driverModule().set;
      if (set === undefined) throw new DriverError(`the driver module ${path} exports no set`);
      try {
        await set(id, fields, context(c, id));
      } catch (e) {
        throw failed(`set ${Object.keys(fields).join(", ")} of ticket ${id}`, c, id, e);
      }
    },
  };
}
