// The session key. Where the browser has Ed25519 in WebCrypto the private key is created
// non-extractable: script can use it to sign but never read it, and IndexedDB keeps it across
// reloads as an opaque handle. Elsewhere the engine signs with a random seed kept on the device.

import { base64url } from "./base64url.js";

/**
 * Creates a session key: `{ stored, jwk }`, where `stored` goes to IndexedDB as it is.
 * `loadEngine()` resolves to the engine, needed only where WebCrypto lacks Ed25519.
 */
export async function createKey(loadEngine) {
  try {
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    const { kty, crv, x } = await crypto.subtle.exportKey("jwk", pair.publicKey);
    return { stored: { kind: "webcrypto", privateKey: pair.privateKey }, jwk: { kty, crv, x } };
  } catch {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    const engine = await loadEngine();
    return { stored: { kind: "engine", seed }, jwk: engine.ed25519PublicJwk(seed) };
  }
}

/** Completes a JWS signing input into a compact JWS with the stored key. */
export async function sign(engine, stored, input) {
  const bytes = new TextEncoder().encode(input);
  const signature =
    stored.kind === "webcrypto"
      ? base64url(await crypto.subtle.sign({ name: "Ed25519" }, stored.privateKey, bytes))
      : engine.ed25519Sign(stored.seed, input);
  return `${input}.${signature}`;
}
