// Whether an item counts as answered: it holds a response, or (a coding task) a graded submission.

/** True for an item view (SessionState.items[i]) with an answer or a submission. */
export function isAnswered(view) {
  return view.response != null || (view.code?.submissions ?? 0) > 0;
}
