// §5 of the rules document: states, who may move a ticket where, and what a status
// change sets (onEnter), clears (onLeave) or is caused by (onAppend).
import { heading } from "./doc-intro.ts";
import { blocks, claim, code, sourced, table, words } from "./doc-text.ts";
import { enterValueWords } from "./doc-words.ts";
import { type Model, targetsFrom } from "./model.ts";
import type { TransitionFile } from "./profile-file.ts";

export function lifecycleSection(model: Model): string {
  const lc = model.lifecycle;
  const f = model.file.lifecycle;
  const statusField = model.root.byName.get(lc.field);
  const en = statusField?.enumName === undefined ? undefined : model.file.enums[statusField.enumName];
  return blocks(
    heading(5),
    `A ticket's state is its ${code(lc.field)} field, one of ${words(lc.states.map(code), "or")}${en ? ` (${sourced(en)})` : ""}.`,
    [
      `- ${claim(`A new ticket starts in ${code(lc.initial)}`, f.initial)}`,
      `- ${claim(`${lc.final.size === 1 ? "The final state is" : "The final states are"} ${words([...lc.final].map(code), "and")}: a request that would change a final ticket is 409, from either side, while one that changes nothing still answers 200`, f.final)}`,
    ].join("\n"),
    `**Nexera-driven transitions**, made by Nexera's staff or systems (in the simulator, through the control interface of §8):`,
    transitionTable(f.provider),
    `**Operator-driven transitions**: an operator moves a ticket by PATCHing ${code(lc.field)}${lc.reasonField ? `, with ${code(lc.reasonField)} giving the reason` : ""} (§4):`,
    transitionTable(f.operator),
    `Any other move is 409, with an Error naming both states and the moves allowed from the current one. A state the profile does not know is 400. Asking for the state the ticket is already in is 409 too: staying put is not a move (**chosen**).`,
    "In short, from each state:",
    byState(model),
    changeText(model),
    appendText(model),
    enterText(model),
    leaveText(model),
  );
}

function transitionTable(ts: readonly TransitionFile[]): string {
  if (ts.length === 0) return "None.";
  return table(
    ["from", "to", "provenance"],
    ts.map((t) => [t.from.map(code).join(", "), t.to.map(code).join(", "), sourced(t)]),
  );
}

function byState(model: Model): string {
  const lc = model.lifecycle;
  const list = (xs: string[]) => (xs.length > 0 ? xs.map(code).join(", ") : "none");
  const rows = lc.states.map((s) => {
    const kind = [s === lc.initial ? "initial" : "", lc.final.has(s) ? "final" : ""].filter(Boolean).join(", ");
    return [
      `${code(s)}${kind ? ` (${kind})` : ""}`,
      list(targetsFrom(lc.provider, s)),
      list(targetsFrom(lc.operator, s)),
    ];
  });
  return table(["state", "Nexera may move it to", "the operator may move it to"], rows);
}

function changeText(model: Model): string {
  const lc = model.lifecycle;
  const updated = model.serverFields.updatedAt;
  const dates = [lc.changeDateField, ...(updated !== undefined ? [updated] : [])].map(code);
  const reason = lc.reasonField
    ? `, and ${code(lc.reasonField)} to the reason given with it; a move without a reason removes the previous one, so a stale reason never describes it`
    : "";
  return `**Every status change**, whichever side makes it, sets ${words(dates, "and")} to the instant of the change${reason}.`;
}

function appendText(model: Model): string {
  const rules = model.lifecycle.onAppend;
  if (rules.length === 0) return "";
  const lines = rules.map((a) => {
    // The rule's source text is the reason the move records (simulator/core/lifecycle.ts): say it once.
    const reason = a.source !== undefined ? `, with the reason "${a.source}"` : "";
    const mark = { provenance: a.provenance, ...(a.note !== undefined ? { note: a.note } : {}) };
    return `- ${claim(`A PATCH that adds items to ${words(a.fields.map(code), "or")} of a ${words(a.from.map(code), "or")} ticket moves it to ${code(a.to)}${reason}`, mark)}`;
  });
  return blocks(
    "**Moves caused by appending**:",
    [
      ...lines,
      `- A ${code(model.lifecycle.field)} given in the same PATCH wins over these rules. Nexera's own additions through the control interface never move a ticket (**chosen**).`,
    ].join("\n"),
  );
}

function enterText(model: Model): string {
  const rows = Object.entries(model.lifecycle.onEnter).flatMap(([state, sets]) =>
    sets.map((s) => [
      code(state),
      code(s.field),
      enterValueWords(s.value, s.keep),
      s.ticketTypes ? s.ticketTypes.map(code).join(", ") : "all",
      sourced(s),
    ]),
  );
  if (rows.length === 0) return "**Set on entering a state**: nothing beyond the status change itself.";
  return blocks(
    "**Set on entering a state**, by Nexera, whichever side made the move:",
    table(["state entered", "field", "set to", "ticket types", "provenance"], rows),
    "These fields belong to the status change: they cause no attribute-change event of their own (§6).",
  );
}

function leaveText(model: Model): string {
  const rows = model.lifecycle.onLeave.map((x) => [
    x.from.map(code).join(", "),
    x.to.map(code).join(", "),
    x.clear.map(code).join(", "),
    sourced(x),
  ]);
  if (rows.length === 0)
    return "**Cleared on leaving a state**: nothing; a field set on entering a state keeps its value.";
  return blocks(
    "**Cleared on leaving a state**: when a ticket moves from one of the first states to one of the second, these fields are removed from it:",
    table(["from", "to", "fields removed", "provenance"], rows),
    "Removing them is part of the status change: it causes no attribute-change event of its own (§6).",
  );
}
