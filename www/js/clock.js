// Event time stamps. The engine refuses a `t` earlier than the previous event's, but Date.now()
// can step backwards (clock sync, manual change): never hand out a time earlier than the last one.

let last = 0;

/** Date.now(), never less than any value returned before. */
export function now() {
  last = Math.max(last, Date.now());
  return last;
}

/** Never hand out a time before `t` (the last stored event's, after a reload). */
export function notBefore(t) {
  last = Math.max(last, t);
}
