// The core's faults of the status lifecycle (docs/rules.md §5): moves allowed or
// refused against the rules, dates a status change must move, what entering and
// leaving a state set and clear. Profile edits bend the rules; lifecycle.ts asks for the rest.
import { canMove } from "../model/model.ts";
import { escapeRegExp, type FaultSpec, transitionArg, withoutPair } from "./fault-spec.ts";

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
      f.lifecycle.operator = withoutPair(f.lifecycle.operator, from, to);
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
    description: "a move from one state to another clears nothing (its lifecycle.onLeave ignored)",
    arg: {
      name: "<from>-><to>",
      // The first move an onLeave rule covers that either side may make (Nexera: resolved -> inProgress).
      examples: (m) => {
        const lc = m.lifecycle;
        const legal = (from: string, to: string) => canMove(lc.operator, from, to) || canMove(lc.provider, from, to);
        const pairs = lc.onLeave.flatMap((r) => r.from.flatMap((from) => r.to.map((to) => [from, to] as const)));
        return pairs
          .filter(([from, to]) => legal(from, to))
          .map(([from, to]) => `${from}->${to}`)
          .slice(0, 1);
      },
    },
    proof: {
      suites: ["lifecycle"],
      names: (arg) => new RegExp(`clears .* moves ${escapeRegExp(arg.replace("->", " -> "))}`),
    },
    profile: (f, arg) => {
      const [from, to] = transitionArg("keep-on-leave", arg);
      if (f.lifecycle.onLeave) f.lifecycle.onLeave = withoutPair(f.lifecycle.onLeave, from, to);
    },
  },
];
