// Typed answers are recorded once the applicant pauses, not on every keystroke: the queue holds
// the latest response per item, stamped when it was typed, until a pause, a settled change, or a
// flush (the page flushes before every other event, so stamps stay in order).

/** send(item, response, t) records one answer. */
export function answerQueue(send, { pause = 800 } = {}) {
  const pending = new Map();
  let timer = null;

  function flush() {
    clearTimeout(timer);
    timer = null;
    const entries = [...pending];
    pending.clear();
    for (const [item, { response, t }] of entries) send(item, response, t);
  }

  return {
    /** Queues an answer; `settled` records it now. */
    put(item, response, t, { settled = false } = {}) {
      pending.set(item, { response, t });
      clearTimeout(timer);
      if (settled) flush();
      else timer = setTimeout(flush, pause);
    },
    flush,
  };
}
