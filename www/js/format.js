// Formatting for people: points (stored in thousandths), clocks and durations.

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 });

/** 2500 → "2.5". */
export function points(thousandths) {
  return number.format(thousandths / 1000);
}

/** 1000 → "1 point", 2500 → "2.5 points". */
export function pointsLabel(thousandths) {
  return `${points(thousandths)} ${thousandths === 1000 ? "point" : "points"}`;
}

/** A countdown reading: 754000 → "12:34", 3723000 → "1:02:03". Rounds up, so 0:00 means over. */
export function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** An ISO 8601 duration for <time datetime>: 754000 → "PT12M34S". */
export function isoDuration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `PT${Math.floor(total / 60)}M${total % 60}S`;
}

/** A limit in words: 1800000 → "30 minutes", 5400000 → "1 hour 30 minutes". */
export function duration(ms) {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return plural(Math.round(ms / 1000), "second");
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h && plural(h, "hour"), m && plural(m, "minute")].filter(Boolean).join(" ");
}

/** 1 → "1 question", 3 → "3 questions". */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Time left as spoken, to the second: 754000 → "12 minutes 34 seconds". */
export function spokenDuration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h && plural(h, "hour"), m && plural(m, "minute"), s && plural(s, "second")].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "No time";
}

/** A time multiplier in thousandths as applicants read it: 1500 → "1.5 times the standard time". */
export function timeMultiplier(permille) {
  return `${number.format(permille / 1000)} times the standard time`;
}
