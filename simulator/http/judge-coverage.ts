// Coverage of a client's traffic: which operations it exercised with accepted requests
// and which behaviours it showed (docs/rules.md §3, §5, §6, §7), every item derived from
// the model, so another profile gets its own list. What was not exercised is reported,
// not failed; a behaviour can be broken (a token used after it expired, a 409 retried).
import type { CaseOutcome, VerdictCase } from "../model/client-verdict.ts";
import type { Model } from "../model/model.ts";
import { targetsFrom } from "../model/model.ts";
import { AUTH_RULES } from "./auth.ts";
import { exampleOf, type Operation, type Operations } from "./judge-requests.ts";
import type { TrafficLog, TrafficRecord } from "./traffic.ts";

export interface Classified {
  readonly r: TrafficRecord;
  readonly op: Operation;
}

type Origin = { readonly provenance: string; readonly source?: string | undefined };

const accepted = (x: Classified) => x.r.status >= 200 && x.r.status < 300;

function item(
  area: string,
  operation: string,
  rule: string,
  origin: Origin,
  hits: readonly TrafficRecord[],
  none: string,
  outcome?: CaseOutcome,
  why?: string,
): VerdictCase {
  const o = outcome ?? (hits.length > 0 ? "kept" : "notExercised");
  return {
    area,
    operation,
    rule,
    provenance: origin.provenance,
    ...(origin.source !== undefined ? { source: origin.source } : {}),
    outcome: o,
    count: hits.length,
    why: why ?? (o === "notExercised" ? none : `${hits.length} accepted request(s)`),
    examples: hits.slice(0, 3).map(exampleOf),
  };
}

/** One case per operation the profile offers a client: kept when exercised by an accepted request. */
export function operationCases(model: Model, log: TrafficLog, ops: Operations, all: readonly Classified[]) {
  const ok = all.filter(accepted);
  const of = (kind: Operation["kind"], pred: (r: TrafficRecord) => boolean = () => true) =>
    ok.filter((x) => x.op.kind === kind && pred(x.r)).map((x) => x.r);
  const params = (r: TrafficRecord) => [...new URLSearchParams(r.query).keys()];
  const reserved = new Set(Object.values(model.reserved));
  const lc = model.lifecycle;
  const area = "Operations";
  const cases: VerdictCase[] = [];
  if (log.authMode !== "basic")
    cases.push(
      item(
        area,
        ops.token,
        "takes an access token with its client credentials",
        { provenance: "chosen", source: "docs/rules.md §3" },
        of("token"),
        "no token was taken",
      ),
    );
  for (const t of model.ticketTypes)
    cases.push(
      item(
        area,
        ops.create(t),
        model.ticketTypeField !== undefined ? `creates a ${t} ticket` : `creates a ${model.resource}`,
        { provenance: model.file.ticketTypes.provenance, source: "docs/rules.md §1, §4" },
        of("create", (r) => r.ticketType === t || model.ticketTypeField === undefined),
        `no ${t} was created`,
      ),
    );
  const listOrigin = { provenance: model.filterFieldList[0]?.provenance ?? "TMF", source: "docs/rules.md §7" };
  cases.push(
    item(
      area,
      ops.list,
      "lists with a filter",
      listOrigin,
      of("list", (r) => params(r).some((p) => !reserved.has(p))),
      "no list was filtered",
    ),
    item(
      area,
      ops.list,
      `pages through a list (${model.reserved.offset}, ${model.reserved.limit})`,
      { provenance: model.file.filtering.limit.provenance, source: "docs/rules.md §7" },
      of("list", (r) => params(r).some((p) => p === model.reserved.offset || p === model.reserved.limit)),
      "no list was paged",
    ),
    item(area, ops.get, "reads a ticket", { provenance: "seed", source: "docs/rules.md §1" }, of("get"), "none read"),
  );
  for (const f of model.root.fields.filter((x) => x.onPatch === "append"))
    cases.push(
      item(
        area,
        ops.patch(),
        `adds ${f.name} items`,
        { provenance: f.provenance, source: f.source ?? "docs/rules.md §4" },
        of("patch", (r) => r.change?.changedFields.includes(f.name) === true),
        `no PATCH added to ${f.name}`,
      ),
    );
  for (const to of [...new Set(lc.operator.map((t) => t.to))]) {
    const moves = lc.operator.filter((t) => t.to === to);
    cases.push(
      item(
        area,
        ops.patch(),
        `moves a ticket to ${to} (from ${moves.map((t) => t.from).join(", ")})`,
        { provenance: moves[0]!.provenance, source: moves[0]!.source ?? "docs/rules.md §5" },
        of("patch", (r) => r.statusRequested === to && r.change?.statusChanges.some((s) => s.to === to) === true),
        `no operator transition to ${to}`,
      ),
    );
  }
  const hub = { provenance: model.file.events.hub.provenance, source: "docs/rules.md §6" };
  cases.push(
    item(area, ops.hubRegister, "registers a listener", hub, of("hubRegister"), "no listener was registered"),
    item(area, ops.hubUnregister, "unregisters a listener", hub, of("hubUnregister"), "no registration was removed"),
  );
  const reset = model.events.hub.reset;
  if (reset)
    cases.push(
      item(
        area,
        ops.hubReset,
        "removes all its listener registrations at once",
        { provenance: reset.provenance, source: reset.source ?? "docs/rules.md §6" },
        of("hubReset"),
        "the hub was never reset",
      ),
    );
  return cases;
}

/** The behaviours a client shows over time: token renewal, answering Nexera, handling a 409. */
export function behaviourCases(model: Model, log: TrafficLog, ops: Operations, all: readonly Classified[]) {
  const area = "Behaviours";
  const lc = model.lifecycle;
  const cases: VerdictCase[] = [];
  const patches = all.filter((x) => x.op.kind === "patch" && accepted(x)).map((x) => x.r);

  if (log.authMode !== "basic") {
    const tokens = all.filter((x) => x.op.kind === "token" && accepted(x)).map((x) => x.r);
    const ttl = log.tokenTtlSeconds * 1000;
    const renewed = tokens.filter((r, i) => {
      const before = tokens.slice(0, i).findLast((p) => p.operator === r.operator);
      return before !== undefined && Date.parse(r.at) - Date.parse(before.at) < ttl;
    });
    const expired = all
      .filter((x) => x.r.violations?.some((v) => v.rule === AUTH_RULES.expiredToken.rule))
      .map((x) => x.r);
    cases.push(
      item(
        area,
        ops.token,
        "renews its access token before it expires",
        { provenance: "chosen", source: "docs/rules.md §3" },
        expired.length > 0 ? expired : renewed,
        `no token lived long enough to need renewing (tokens live ${log.tokenTtlSeconds} s)`,
        expired.length > 0 ? "broken" : undefined,
        expired.length > 0
          ? `${expired.length} request(s) carried an expired token and got 401`
          : renewed.length > 0
            ? `${renewed.length} token(s) taken while the one before was still valid`
            : undefined,
      ),
    );
  }

  // Information asked (lifecycle.onAppend: a pending ticket waits for a note or attachment).
  for (const rule of lc.onAppend) {
    const asked = new Set(
      log.changes.filter((c) => c.statusChanges.some((s) => rule.from.includes(s.to))).map((c) => c.ticketId),
    );
    const supplied = patches.filter(
      (r) =>
        r.statusRequested === undefined &&
        rule.from.includes(r.change?.from ?? "") &&
        rule.fields.some((f) => r.change?.changedFields.includes(f)),
    );
    const event = model.events.rules.find((e) => e.on === "enter" && rule.from.includes(e.state ?? ""));
    cases.push(
      item(
        area,
        ops.patch(),
        `supplies ${rule.fields.join(" or ")} when ${event ? `${event.eventType} asks (${rule.from.join(", ")})` : `a ticket is ${rule.from.join(" or ")}`}`,
        { provenance: rule.provenance, source: rule.source ?? "docs/rules.md §5" },
        supplied,
        asked.size > 0
          ? `${asked.size} ticket(s) waited for information; the client supplied none`
          : "no ticket was asked for information",
        undefined,
        supplied.length > 0 ? `supplied on ${supplied.length} occasion(s); ${asked.size} ticket(s) asked` : undefined,
      ),
    );
  }

  // The end of Nexera's walk (resolved): the operator accepts or rejects it.
  const last = lc.autoplay.at(-1);
  const answers = last !== undefined && !lc.final.has(last) ? targetsFrom(lc.operator, last) : [];
  if (last !== undefined && answers.length > 0) {
    const reached = new Set(
      log.changes.filter((c) => c.statusChanges.some((s) => s.to === last)).map((c) => c.ticketId),
    );
    const answered = patches.filter((r) => r.change?.statusChanges.some((s) => s.from === last && s.to !== last));
    const moves = lc.operator.filter((t) => t.from === last);
    cases.push(
      item(
        area,
        ops.patch(),
        `answers a ${last} ticket: moves it to ${answers.join(" or ")}`,
        { provenance: moves[0]!.provenance, source: "docs/rules.md §5" },
        answered,
        reached.size > 0
          ? `${reached.size} ticket(s) reached ${last}; the client moved none on`
          : `no ticket reached ${last}`,
      ),
    );
  }

  // A 409 is final for that request: the same request again can only get the same answer.
  const conflicts = all.filter((x) => x.r.status === 409 && x.op.kind !== "control").map((x) => x.r);
  const retried = conflicts.flatMap((c) =>
    all
      .filter((x) => x.r.seq > c.seq && x.r.fingerprint === c.fingerprint && x.r.operator === c.operator)
      .map((x) => x.r),
  );
  const uniqueRetries = [...new Map(retried.map((r) => [r.seq, r])).values()];
  cases.push(
    item(
      area,
      ops.patch(),
      "handles a 409 without sending the same request again",
      { provenance: "chosen", source: "docs/rules.md §5" },
      uniqueRetries.length > 0 ? uniqueRetries : conflicts,
      "the client never got a 409",
      uniqueRetries.length > 0 ? "broken" : undefined,
      uniqueRetries.length > 0
        ? `${uniqueRetries.length} request(s) sent again after a 409`
        : conflicts.length > 0
          ? `${conflicts.length} request(s) got 409 and none was sent again`
          : undefined,
    ),
  );
  return cases;
}
