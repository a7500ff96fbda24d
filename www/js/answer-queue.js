// Typed answers are recorded once the applicant pauses, not on every keystroke: the queue holds
// the latest response per item, stamped when it was typed, until a pause, a settled change, or a
// flush (the page flushes before every other event, so stamps stay in order).
//
// Until an answer is recorded it is also kept as a draft in `storage` (localStorage, written
// synchronously on every change), so a tab closed or reloaded mid-word loses nothing: the next
// page records the drafts it finds. A draft is dropped once its answer is recorded.

/**
 * send(item, response, t) records one answer and returns a promise; `storage` and `key` name
 * where drafts are kept.
 */
export function answerQueue(send, { pause = 800, storage = null, key = "assay-drafts" } = {}) {
  const pending = new Map();
  /** Every answer not yet recorded (pending or being recorded), by item. */
  const drafts = new Map();
  let timer = null;

  function save() {
    try {
      if (drafts.size === 0) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify([...drafts]));
    } catch {
      // Storage full or disabled: the answer is still recorded at the next pause.
    }
  }

  function flush() {
    clearTimeout(timer);
    timer = null;
    const entries = [...pending];
    pending.clear();
    for (const [item, draft] of entries) {
      Promise.resolve(send(item, draft.response, draft.t)).then(() => {
        if (drafts.get(item) === draft) {
          drafts.delete(item);
          save();
        }
      });
    }
  }

  return {
    /** Queues an answer; `settled` records it now. */
    put(item, response, t, { settled = false } = {}) {
      const draft = { response, t };
      pending.set(item, draft);
      drafts.set(item, draft);
      save();
      clearTimeout(timer);
      if (settled) flush();
      else timer = setTimeout(flush, pause);
    },
    flush,
    /** Drafts a previous page left unrecorded: records them now; returns how many there were. */
    restore() {
      let saved = [];
      try {
        saved = JSON.parse(storage?.getItem(key) ?? "[]");
      } catch {
        saved = [];
      }
      for (const [item, { response, t }] of saved) {
        const draft = { response, t };
        pending.set(item, draft);
        drafts.set(item, draft);
      }
      flush();
      return saved.length;
    },
  };
}
