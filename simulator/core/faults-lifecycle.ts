// The core's faults of the status lifecycle (docs/rules.md §5): moves allowed or
// refused against the rules, dates a status change must move, what entering and
// leaving a state set and clear. Profile edits bend the rules; lifecycle.ts asks for the rest.
import { escapeRegExp, type FaultSpec, transitionArg } from "./fault-spec.ts";

export const LIFECYCLE_FAULTS: readonly FaultSpec[] = [
  {
    name: "allow-transition",
    description: "an operator may make a move the lifecycle forbids",
    arg: {
      name: "<from>-><to>",
      // An operator move out of a final state the operator reaches (Nexera: closed -> inProgress).
      examples: (m) => {
        const lc = m.lifecycle;
        const final = [...lc.final].find((s) => lc.operator.some((t) => t.to === s));
        const back = lc.operator.map((t) => t.to).find((s) => !lc.final.has(s) && s !== lc.initial);
        return final && back ? [`${final}->${back}`] : [];
      },
    },
    proof: { suites: ["lifecycle"], names: (arg) => new RegExp(`refuses ${escapeRegExp(arg.replace("->", " -> "))}`) },
    profile: (f, arg) => {
      const [from, to] = transitionArg("allow-transition", arg);
      f.lifecycle.final.values = f.lifecycle.final.values.filter((s) => s !== from);
      f.lifecycle.operator.push({ from: [from], to: [to], provenance: "chosen" });
    },
  },
  {
    name: "refuse-transition",
    description: "an operator move the lifecycle allows is refused with 409",
    arg: {
      name: "<from>-><to>",
      // The first operator move of the profile (Nexera: submitted -> cancelled).
      examples: (m) => m.lifecycle.operator.slice(0, 1).map((t) => `${t.from}->${t.to}`),
    },
    proof: {
      suites: ["lifecycle"],
      names: (arg) => new RegExp(`applies the operator transition ${escapeRegExp(arg.replace("->", " -> "))}`),
    },
    profile: (f, arg) => {
      const [from, to] = transitionArg("refuse-transition", arg);
      // A rule lists several states each way: keep every pair but this one.
      f.lifecycle.operator = f.lifecycle.operator.flatMap((t) => {
        if (!t.from.includes(from) || !t.to.includes(to)) return [t];
        const otherFrom = t.from.filter((s) => s !== from);
        const otherTo = t.to.filter((s) => s !== to);
        return [
          ...(otherFrom.length > 0 ? [{ ...t, from: otherFrom }] : []),
          ...(otherTo.length > 0 ? [{ ...t, from: [from], to: otherTo }] : []),
        ];
      });
    },
  },
  {
    name: "stale-change-date",
    description: "a status change leaves the status change date where it was",
    proof: {
      suites: ["lifecycle"],
      names: (_, m) => new RegExp(`sets ${escapeRegExp(m.lifecycle.changeDateField)}: it must move`),
    },
  },
  {
    name: "ignore-on-enter",
    description: "entering the state sets nothing (its lifecycle.onEnter ignored)",
    arg: { name: "<state>", examples: (m) => Object.keys(m.lifecycle.onEnter).slice(0, 1) },
    proof: { suites: ["lifecycle"], names: (state) => new RegExp(`entering ${escapeRegExp(state)} sets `) },
    profile: (f, state) => {
      if (f.lifecycle.onEnter) delete f.lifecycle.onEnter[state ?? ""];
    },
  },
  {
    name: "keep-on-leave",
    description: "a status change clears nothing (lifecycle.onLeave ignored)",
    proof: { suites: ["lifecycle"], names: /clears .* moves / },
    profile: (f) => {
      delete f.lifecycle.onLeave;
    },
  },
];
