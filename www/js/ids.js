// Session identifiers made in the browser for the demo (a backend grant will supply them later).

/** `bytes` random bytes as unpadded base64url. */
export function randomToken(bytes = 16) {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random integer below 2^53, so JavaScript holds it exactly. */
export function randomSeed() {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2));
  return (hi & 0x1fffff) * 2 ** 32 + lo;
}
