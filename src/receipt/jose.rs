//! The JOSE pieces Assay needs, and no more: Ed25519 keys as JWKs (RFC 8037), RFC 7638
//! thumbprints and compact JWS (RFC 7515) with `alg` `EdDSA` (or `Ed25519`, RFC 9864).
//!
//! The verifier never takes a key from a token's header: the caller passes the key it trusts
//! (from the grant or the registration), and the header's `kid` must name that key.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey as DalekSigning, VerifyingKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::canonical::{sha256, to_jcs};

/// Largest compact JWS accepted, in bytes.
pub const MAX_TOKEN_BYTES: usize = 4 * 1024 * 1024;

/// A JOSE problem: a malformed token or key, or a signature that does not verify.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum JoseError {
    /// Not three base64url parts, or a part that is not canonical base64url.
    #[error("malformed token: {0}")]
    Malformed(String),
    /// The header is not JSON or lacks `alg`.
    #[error("malformed header: {0}")]
    Header(String),
    /// An algorithm other than EdDSA/Ed25519 (including `none` and HMAC).
    #[error("algorithm {0:?} is not accepted (only EdDSA / Ed25519)")]
    Algorithm(String),
    /// The header lists extensions this verifier does not implement.
    #[error("critical header parameters are not supported: {0}")]
    Critical(String),
    /// The header's `kid` is not the thumbprint of the key the verifier trusts.
    #[error("kid {found:?} does not name the expected key {expected:?}")]
    KeyId {
        /// The header's kid.
        found: String,
        /// The trusted key's thumbprint.
        expected: String,
    },
    /// The signature does not verify with the trusted key.
    #[error("the signature does not verify")]
    Signature,
    /// A JWK that is not an Ed25519 OKP key, or whose coordinates are malformed.
    #[error("invalid key: {0}")]
    Key(String),
}

impl JoseError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            JoseError::Malformed(_) => "jws_malformed",
            JoseError::Header(_) => "jws_header",
            JoseError::Algorithm(_) => "jws_algorithm",
            JoseError::Critical(_) => "jws_critical",
            JoseError::KeyId { .. } => "jws_kid",
            JoseError::Signature => "jws_signature",
            JoseError::Key(_) => "invalid_key",
        }
    }
}

/// base64url without padding.
pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Strict base64url decoding: no padding, no stray bits, no other alphabet.
///
/// # Errors
/// The text is not canonical unpadded base64url.
pub fn unb64(text: &str) -> Result<Vec<u8>, JoseError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| JoseError::Malformed(format!("not base64url: {e}")))
}

/// An Ed25519 key as a JSON Web Key (RFC 8037): `{"kty":"OKP","crv":"Ed25519","x":…,"d"?:…}`.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// Key type: `OKP`.
    pub kty: String,
    /// Curve: `Ed25519`.
    pub crv: String,
    /// Public key, base64url.
    pub x: String,
    /// Private key (seed), base64url; absent on public keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    /// Key id, informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

/// An Ed25519 public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

/// An Ed25519 private key.
#[derive(Clone)]
pub struct PrivateKey(DalekSigning);

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({})", self.public().thumbprint())
    }
}

impl PrivateKey {
    /// The key whose 32-byte seed is `seed` (the caller supplies the randomness).
    pub fn from_seed(seed: &[u8; 32]) -> PrivateKey {
        PrivateKey(DalekSigning::from_bytes(seed))
    }

    /// Reads a private JWK.
    ///
    /// # Errors
    /// Not an Ed25519 OKP key, no `d`, or `x` does not match `d`.
    pub fn from_jwk(jwk: &Jwk) -> Result<PrivateKey, JoseError> {
        check_kind(jwk)?;
        let d = jwk
            .d
            .as_deref()
            .ok_or_else(|| JoseError::Key("no private part `d`".into()))?;
        let seed: [u8; 32] = unb64(d)?
            .try_into()
            .map_err(|_| JoseError::Key("`d` is not 32 bytes".into()))?;
        let key = PrivateKey::from_seed(&seed);
        if key.public().to_jwk().x != jwk.x {
            return Err(JoseError::Key("`x` is not the public key of `d`".into()));
        }
        Ok(key)
    }

    /// The private JWK (with `d`).
    pub fn to_jwk(&self) -> Jwk {
        let mut jwk = self.public().to_jwk();
        jwk.d = Some(b64(self.0.as_bytes()));
        jwk
    }

    /// The matching public key.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// An Ed25519 signature over `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

impl PublicKey {
    /// Reads a public JWK (a `d`, if present, is ignored).
    ///
    /// # Errors
    /// Not an Ed25519 OKP key, or `x` is not a valid point.
    pub fn from_jwk(jwk: &Jwk) -> Result<PublicKey, JoseError> {
        check_kind(jwk)?;
        let x: [u8; 32] = unb64(&jwk.x)?
            .try_into()
            .map_err(|_| JoseError::Key("`x` is not 32 bytes".into()))?;
        VerifyingKey::from_bytes(&x)
            .map(PublicKey)
            .map_err(|_| JoseError::Key("`x` is not an Ed25519 point".into()))
    }

    /// The public JWK.
    pub fn to_jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x: b64(self.0.as_bytes()),
            d: None,
            kid: None,
        }
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of `{"crv","kty","x"}` in canonical JSON.
    pub fn thumbprint(&self) -> String {
        #[derive(Serialize)]
        struct Members<'a> {
            crv: &'a str,
            kty: &'a str,
            x: &'a str,
        }
        let x = b64(self.0.as_bytes());
        let members = Members {
            crv: "Ed25519",
            kty: "OKP",
            x: &x,
        };
        b64(&sha256(&to_jcs(&members).unwrap_or_default()))
    }

    /// Whether `signature` is this key's signature over `message` (strict: no malleable forms).
    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let signature = ed25519_dalek::Signature::from_bytes(signature);
        self.0.verify_strict(message, &signature).is_ok()
    }
}

fn check_kind(jwk: &Jwk) -> Result<(), JoseError> {
    if jwk.kty != "OKP" || jwk.crv != "Ed25519" {
        return Err(JoseError::Key(format!(
            "kty {:?} crv {:?}; expected OKP Ed25519",
            jwk.kty, jwk.crv
        )));
    }
    Ok(())
}

/// The protected header Assay writes: `{"alg":"EdDSA","kid":…,"typ":…}`.
#[derive(Serialize)]
struct OutHeader<'a> {
    alg: &'a str,
    kid: &'a str,
    typ: &'a str,
}

/// The JWS signing input `BASE64URL(header).BASE64URL(payload)` for an Assay header.
///
/// Whoever holds the key appends `.` and the base64url signature over these ASCII bytes: the
/// browser signs with a WebCrypto key the engine never sees.
pub fn signing_input(kid: &str, typ: &str, payload: &[u8]) -> String {
    let header = OutHeader {
        alg: "EdDSA",
        kid,
        typ,
    };
    let header = b64(&to_jcs(&header).unwrap_or_default());
    format!("{header}.{}", b64(payload))
}

/// Signs `payload` as a compact JWS with header `{"alg":"EdDSA","kid":<thumbprint>,"typ":typ}`.
pub fn sign(key: &PrivateKey, typ: &str, payload: &[u8]) -> String {
    let input = signing_input(&key.public().thumbprint(), typ, payload);
    let signature = key.sign(input.as_bytes());
    format!("{input}.{}", b64(&signature))
}

/// A parsed compact JWS whose signature has not been checked yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Compact {
    /// The decoded protected header.
    pub header: serde_json::Map<String, serde_json::Value>,
    /// The decoded payload bytes.
    pub payload: Vec<u8>,
    signing_input: String,
    signature: Vec<u8>,
}

impl Compact {
    /// Splits and decodes a compact JWS.
    ///
    /// # Errors
    /// Too large, not three canonical base64url parts, or a header that is not a JSON object.
    pub fn parse(token: &str) -> Result<Compact, JoseError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(JoseError::Malformed(format!(
                "{} bytes; the limit is {MAX_TOKEN_BYTES}",
                token.len()
            )));
        }
        let mut parts = token.trim().split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JoseError::Malformed(
                "a compact JWS has exactly three parts".into(),
            ));
        };
        let header_bytes = unb64(h)?;
        let header: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&header_bytes).map_err(|e| JoseError::Header(e.to_string()))?;
        Ok(Compact {
            header,
            payload: unb64(p)?,
            signing_input: format!("{h}.{p}"),
            signature: unb64(s)?,
        })
    }

    /// The header's `alg`.
    pub fn alg(&self) -> Option<&str> {
        self.header.get("alg").and_then(|v| v.as_str())
    }

    /// The header's `typ`.
    pub fn typ(&self) -> Option<&str> {
        self.header.get("typ").and_then(|v| v.as_str())
    }

    /// Checks algorithm, `crit`, `kid` and signature against the key the caller trusts.
    ///
    /// # Errors
    /// The first failed check.
    pub fn verify(&self, key: &PublicKey) -> Result<(), JoseError> {
        match self.alg() {
            Some("EdDSA" | "Ed25519") => {}
            Some(other) => return Err(JoseError::Algorithm(other.to_string())),
            None => return Err(JoseError::Header("no `alg`".into())),
        }
        if let Some(crit) = self.header.get("crit") {
            return Err(JoseError::Critical(crit.to_string()));
        }
        let expected = key.thumbprint();
        if let Some(kid) = self.header.get("kid") {
            let found = kid.as_str().unwrap_or_default();
            if found != expected {
                return Err(JoseError::KeyId {
                    found: found.to_string(),
                    expected,
                });
            }
        }
        let signature: [u8; 64] = self
            .signature
            .as_slice()
            .try_into()
            .map_err(|_| JoseError::Signature)?;
        if key.verify(self.signing_input.as_bytes(), &signature) {
            Ok(())
        } else {
            Err(JoseError::Signature)
        }
    }
}
