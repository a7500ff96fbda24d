// Unpadded base64url (RFC 4648 §5), the encoding of JWS parts and JWK members.

/** Encodes bytes (ArrayBuffer or typed array). */
export function base64url(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength);
  let text = "";
  for (const byte of view) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `n` random bytes as base64url: identifiers nobody can guess. */
export function randomId(n = 16) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}
