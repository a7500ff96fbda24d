// The session state as the page keeps it: the engine sends a small step after each event (the
// overview, the item views that changed, the sections when any changed), and the page folds it
// into its copy instead of reading the whole state again.

/**
 * The state after `step`, from the state before it. Items keep the engine's order: the
 * sections' item lists, in section order.
 * @param {import("../types/SessionState").SessionState} state
 * @param {import("../types/Step").Step} step
 * @returns {import("../types/SessionState").SessionState}
 */
export function foldStep(state, { recorded, refused, changed, sections, due, ...overview }) {
  const next = { ...state, ...overview };
  if (sections) next.sections = sections;
  if (changed.length > 0 || sections) {
    const views = new Map(state.items.map((view) => [view.id, view]));
    for (const view of changed) views.set(view.id, view);
    next.items = next.sections.flatMap((section) => section.items).map((id) => views.get(id));
  }
  return next;
}
