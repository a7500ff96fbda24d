//! Ed25519 in wasm, for browsers without Ed25519 in WebCrypto: the page keeps the seed and signs
//! here instead.

use assay::receipt::PrivateKey;
use assay::receipt::jose::{self, Jwk};
use wasm_bindgen::prelude::*;

use crate::convert::{error, to_js};

fn key_seed(seed: &[u8]) -> Result<PrivateKey, JsValue> {
    let seed: &[u8; 32] = seed
        .try_into()
        .map_err(|_| error("invalid_key", "an Ed25519 seed is 32 bytes"))?;
    Ok(PrivateKey::from_seed(seed))
}

/// The public JWK of the Ed25519 key made from a 32-byte seed.
#[wasm_bindgen(js_name = ed25519PublicJwk, unchecked_return_type = "Jwk")]
pub fn ed25519_public_jwk(seed: &[u8]) -> Result<JsValue, JsValue> {
    let jwk: Jwk = key_seed(seed)?.public().to_jwk();
    to_js(&jwk)
}

/// The base64url Ed25519 signature of `input` (a JWS signing input) with the seed's key.
#[wasm_bindgen(js_name = ed25519Sign)]
pub fn ed25519_sign(seed: &[u8], input: &str) -> Result<String, JsValue> {
    Ok(jose::b64(&key_seed(seed)?.sign(input.as_bytes())))
}
