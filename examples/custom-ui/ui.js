// A partner's own applicant screens on @assay/shim's public API, in plain DOM: the shim loads
// the engine, keeps every answer on the device, delivers it and does what the engine says comes
// next; this file only shows the state and records what the applicant does.
//   index.html?backend=https://tests.example.gov&package=data-ai-practice
import { openAssessment } from "@assay/shim";

const params = new URLSearchParams(location.search);
const backend = params.get("backend") ?? location.origin;

const main = document.querySelector("main");
const said = document.querySelector("#said");
const STATUS = { saved: "All answers saved", saving: "Saving…", offline: "Offline: your answers are kept on this device" };
let shownKey = null;

/** An element with attributes (on* are listeners) and children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) el.setAttribute(name, value === true ? "" : value);
  }
  el.append(...children.flat());
  return el;
}

const button = (text, action) => h("button", { type: "button", onclick: () => act(action) }, text);

/** Records what the applicant did; a refused event is said, not thrown. */
async function act(action) {
  try {
    await action();
  } catch (error) {
    said.textContent = `Not recorded: ${error.message} (${error.code})`;
  }
}

const answer = (item, response) => act(() => run.record({ type: "item.answer", item, response }));

let run;
try {
  run = await openAssessment({
    endpoint: backend,
    package: params.get("package") ?? "data-ai-practice",
    onStatus: (status) => (document.querySelector("#status").textContent = STATUS[status]),
    onSignal: (name) => name === "submitted" && draw(),
  });
} catch (error) {
  main.replaceChildren(h("p", { role: "alert" }, `The test could not open: ${error.message} (${error.code})`));
  throw error;
}
run.onChange(() => draw());
draw();

/** Redraws when the screen changes; answers being given stay as the applicant left them. */
function draw() {
  const { status, section, current_item: current, score } = run.state;
  const key = `${status}:${section}:${current}:${status === "completed" && Boolean(run.receipt())}`;
  if (key === shownKey) return;
  shownKey = key;
  const heading = (text) => h("h1", { tabindex: "-1" }, text);
  let screen;
  if (status === "not_started") {
    screen = [heading(run.summary.title), h("p", {}, run.summary.description ?? ""), button("Start the test", () => run.record({ type: "session.start" }))];
  } else if (status === "completed") {
    const receipt = run.receipt();
    screen = [heading("Test finished"), h("p", {}, `Your score: ${score.earned / 1000} of ${score.max / 1000} points.`),
      receipt ? h("p", { "data-receipt": "" }, `The server checked it: ${receipt.score.raw / 1000} points.`) : h("p", {}, "Sending your result…"),
      h("p", {}, `Your reference: ${run.sid}`)];
  } else {
    const open = run.state.sections.find((s) => s.id === section);
    const item = run.item(current);
    const at = open.items.indexOf(current);
    const last = at + 1 === open.items.length;
    screen = [heading(`${open.title ?? open.id}: question ${at + 1} of ${open.items.length}${item.title ? `: ${item.title}` : ""}`),
      h("p", {}, item.stem), control(item, run.state.items.find((v) => v.id === current)),
      last ? button("Finish section", () => run.record({ type: "section.submit", section }))
        : button("Next", () => run.record({ type: "item.view", item: open.items[at + 1] }))];
  }
  main.replaceChildren(...screen);
  main.querySelector("h1").focus();
}

/** The answer controls for one item, showing its recorded response. */
function control(item, view) {
  const i = item.interaction;
  const given = view.response;
  const group = (legend, ...children) => h("fieldset", {}, h("legend", {}, legend), ...children);
  const choice = (type, name, c, checked, onchange) => h("label", {}, h("input", { type, name, value: c.id, checked, onchange }), ` ${c.text}`);
  switch (i.type) {
    case "single_choice":
    case "likert": {
      const options = i.choices ?? i.scale;
      return group("Your answer", options.map((c) => choice("radio", item.id, c, given === c.id, () => answer(item.id, c.id))));
    }
    case "multiple_choice": {
      const picked = () => [...main.querySelectorAll("input:checked")].map((b) => b.getAttribute("value"));
      // The engine keeps a selection below the minimum as no answer yet and refuses one above the maximum.
      const changed = () => answer(item.id, picked().length > 0 ? picked() : null);
      return group(`Choose ${i.min_choices} to ${i.max_choices}`, i.choices.map((c) => choice("checkbox", item.id, c, given?.includes(c.id), changed)));
    }
    case "numeric":
    case "text_entry":
      return h("label", {}, "Your answer ", h("input", { value: given ?? "", onchange: (e) => answer(item.id, e.target.value || null) }));
    case "ordering":
      return ordering(item, given ?? i.choices.map((c) => c.id));
    case "matching": {
      const pairs = { ...(given ?? {}) };
      return group("Match each one", i.sources.map((s) => h("label", {}, `${s.text} `, h("select", { onchange: (e) => answer(item.id, Object.assign(pairs, { [s.id]: e.target.value })) },
        h("option", { value: "" }, "Choose…"), i.targets.map((t) => h("option", { value: t.id, selected: pairs[s.id] === t.id }, t.text))))));
    }
    case "code":
      return codeTask(item, view);
    default:
      return h("p", {}, `This screen does not show ${i.type} questions.`);
  }
}

/** A coding task: run the shown tests, or submit for grading (the shim judges in its Worker). */
function codeTask(item, view) {
  const editor = h("textarea", { rows: 12, "aria-label": "Your code", spellcheck: "false" });
  editor.value = view.code?.last_code ?? item.interaction.stub;
  const tally = (verdicts) => `${verdicts.filter((v) => v.verdict === "passed").length} of ${verdicts.length} tests passed`;
  const tryShown = async () => {
    await run.record({ type: "code.run", item: item.id, code: editor.value });
    said.textContent = `Shown tests: ${tally(await run.tryCode(item.id, editor.value))}.`;
  };
  const submit = async () => {
    await run.record({ type: "code.submit", item: item.id, code: editor.value });
    said.textContent = "Grading…";
    const submission = run.state.items.find((v) => v.id === item.id).code.submissions;
    said.textContent = `Submission graded: ${tally(await run.judged(item.id, submission))}.`;
  };
  return h("div", {}, editor, button("Run shown tests", tryShown), button("Submit for grading", submit));
}

/** An ordering: the list as it stands, a "Move up" button per entry, and saving the order. */
function ordering(item, order) {
  const text = (id) => item.interaction.choices.find((c) => c.id === id).text;
  const box = h("fieldset", {});
  const redraw = (focus) => {
    box.replaceChildren(h("legend", {}, "Put in order"), h("ol", {}, order.map((id) => h("li", {}, text(id)))),
      ...order.slice(1).map((id, n) => button(`Move “${text(id)}” up`, () => {
        [order[n], order[n + 1]] = [order[n + 1], order[n]];
        redraw(Math.max(0, n - 1));
      })), button("Save this order", () => answer(item.id, [...order])));
    box.querySelectorAll("button")[focus]?.focus();
  };
  redraw(-1);
  return box;
}
