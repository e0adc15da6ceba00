// The checks a profile needs beyond its JSON Schema: every name it uses refers to
// something it defines (objects, enums, root fields, states, ticket types,
// operations), and rule cells are well formed. Returns every problem found.
import type { CellFile, FieldFile, ProfileFile, TransitionFile } from "./profile-file.ts";

export function checkProfile(file: ProfileFile): string[] {
  const problems: string[] = [];
  const say = (p: string) => problems.push(p);
  const types = file.ticketTypes.values;
  const ops: readonly string[] = file.operations;

  // Objects, fields and cells, walked from the root.
  const visiting: string[] = [];
  const visited = new Set<string>();
  const walkObject = (name: string, prefix: string) => {
    const def = file.objects[name];
    if (!def) return;
    if (visiting.includes(name)) return say(`object ${name} contains itself (${[...visiting, name].join(" -> ")})`);
    if (visited.has(name)) return;
    visiting.push(name);
    for (const [fname, f] of Object.entries(def.fields))
      checkField(prefix ? `${prefix}.${fname}` : fname, f, def.fields);
    visiting.pop();
    visited.add(name);
  };
  const checkField = (path: string, f: FieldFile, siblings: Record<string, FieldFile>) => {
    if (f.type === "array" && f.items === undefined) say(`${path}: an array field needs "items"`);
    const objName = f.type === "array" ? f.items : f.ref;
    if (objName !== undefined) {
      if (!file.objects[objName]) say(`${path}: unknown object "${objName}"`);
      else walkObject(objName, path);
    }
    if (f.enum !== undefined && !file.enums[f.enum]) say(`${path}: unknown enum "${f.enum}"`);
    if (f.server === "default" && f.default === undefined) say(`${path}: server "default" needs a "default" value`);
    if (typeof f.rules === "string") return;
    for (const t of Object.keys(f.rules)) if (!types.includes(t)) say(`${path}: rules name unknown ticket type "${t}"`);
    for (const t of types) {
      const row = f.rules[t];
      if (!row) {
        say(`${path}: no rules for ticket type "${t}"`);
        continue;
      }
      for (const op of Object.keys(row))
        if (!ops.includes(op)) say(`${path}: rules name unknown operation "${op}" for ${t}`);
      for (const op of ops) {
        const c = row[op];
        if (c === undefined) say(`${path}: no ${op} rule for ticket type "${t}"`);
        else checkCell(`${path} (${t} ${op})`, c, siblings);
      }
    }
  };
  const checkCell = (where: string, c: CellFile, siblings: Record<string, FieldFile>) => {
    if (typeof c === "string") return;
    if (c.rule !== "PD") {
      if (c.when !== undefined || c.then !== undefined || c.otherwise !== undefined)
        say(`${where}: only a PD rule takes "when", "then" or "otherwise"`);
      return;
    }
    if (c.then === undefined) say(`${where}: a PD rule needs "then"`);
    if (c.when !== undefined && c.otherwise === undefined) say(`${where}: a PD rule with "when" needs "otherwise"`);
    if (c.when !== undefined && !Object.hasOwn(siblings, c.when.field))
      say(`${where}: condition names unknown field "${c.when.field}"`);
  };

  const root = file.objects[file.root];
  if (!root) {
    say(`root object "${file.root}" is not defined in "objects"`);
    return problems;
  }
  walkObject(file.root, "");
  const rootField = (name: string, where: string) => {
    const f = root.fields[name];
    if (!f) say(`${where}: unknown field "${name}"`);
    return f;
  };
  if (!Object.values(root.fields).some((f) => f.server === "id"))
    say(`${file.root}: no field is set by the server as "id" (every ticket needs one)`);

  // Ticket types
  if (file.ticketTypes.field !== undefined) rootField(file.ticketTypes.field, "ticketTypes.field");
  else if (types.length !== 1)
    say('ticketTypes: without a "field" to select one, there must be exactly one ticket type');
  if (!types.includes(file.ticketTypes.default))
    say(`ticketTypes.default "${file.ticketTypes.default}" is not one of its values`);

  // Lifecycle
  const lc = file.lifecycle;
  const statusField = rootField(lc.field, "lifecycle.field");
  const states = statusField?.enum !== undefined ? (file.enums[statusField.enum]?.values ?? []) : [];
  if (statusField && statusField.enum === undefined) say(`lifecycle.field "${lc.field}" needs an enum of states`);
  if (lc.reasonField !== undefined) rootField(lc.reasonField, "lifecycle.reasonField");
  rootField(lc.changeDateField, "lifecycle.changeDateField");
  const state = (s: string, where: string) => {
    if (states.length > 0 && !states.includes(s)) say(`${where}: unknown state "${s}"`);
  };
  state(lc.initial.value, "lifecycle.initial");
  for (const s of lc.final.values) state(s, "lifecycle.final");
  const transitions = (ts: readonly TransitionFile[], side: string) => {
    for (const [i, t] of ts.entries()) {
      for (const s of t.from) state(s, `lifecycle.${side}[${i}].from`);
      for (const s of t.to) state(s, `lifecycle.${side}[${i}].to`);
      for (const s of t.from)
        if (lc.final.values.includes(s)) say(`lifecycle: final state "${s}" has a transition to "${t.to.join(", ")}"`);
    }
  };
  transitions(lc.provider, "provider");
  transitions(lc.operator, "operator");
  for (const [i, a] of (lc.onAppend ?? []).entries()) {
    for (const s of a.from) state(s, `lifecycle.onAppend[${i}].from`);
    state(a.to, `lifecycle.onAppend[${i}].to`);
    for (const f of a.fields) rootField(f, `lifecycle.onAppend[${i}].fields`);
  }
  for (const [s, sets] of Object.entries(lc.onEnter ?? {})) {
    state(s, "lifecycle.onEnter");
    for (const [i, x] of sets.entries()) {
      rootField(x.field, `lifecycle.onEnter.${s}[${i}]`);
      for (const t of x.ticketTypes ?? [])
        if (!types.includes(t)) say(`lifecycle.onEnter.${s}[${i}]: unknown ticket type "${t}"`);
    }
  }
  for (const [i, x] of (lc.onLeave ?? []).entries()) {
    for (const s of x.from) state(s, `lifecycle.onLeave[${i}].from`);
    for (const s of x.to) state(s, `lifecycle.onLeave[${i}].to`);
    // A field the server always sets, or the lifecycle's own, cannot be cleared: the ticket would break its own shape.
    const kept = new Set([lc.field, lc.changeDateField, ...(lc.reasonField !== undefined ? [lc.reasonField] : [])]);
    for (const f of x.clear) {
      const field = rootField(f, `lifecycle.onLeave[${i}].clear`);
      if (field?.server !== undefined || kept.has(f))
        say(`lifecycle.onLeave[${i}].clear: "${f}" is set by the server or the lifecycle and cannot be cleared`);
    }
  }
  for (const s of lc.autoplay ?? []) state(s, "lifecycle.autoplay");
  for (const f of file.providerFields.fields) rootField(f, "providerFields");

  // Filtering
  const names = new Set<string>(Object.values(file.filtering.reserved));
  for (const ff of file.filtering.fields) {
    rootField(ff.field, "filtering.fields");
    for (const n of [ff.field, ...(ff.aliases ?? [])]) {
      if (names.has(n)) say(`filtering.fields: parameter name "${n}" is used twice`);
      names.add(n);
    }
  }
  for (const o of file.filtering.order.by) rootField(o.field, "filtering.order");
  if (file.filtering.limit.default > file.filtering.limit.max) say("filtering.limit: default is above max");

  // Events
  if (file.events.correlationField !== undefined) rootField(file.events.correlationField, "events.correlationField");
  for (const [i, r] of file.events.rules.entries()) {
    if (r.on === "enter") {
      if (r.state === undefined) say(`events.rules[${i}]: an "enter" rule needs "state"`);
      else state(r.state, `events.rules[${i}].state`);
    }
    for (const f of (r.fieldPath ?? "").split(",").filter(Boolean)) rootField(f, `events.rules[${i}].fieldPath`);
  }
  return problems;
}
