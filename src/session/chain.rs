//! The hash chain over accepted events.
//!
//! `h0 = SHA-256(JCS({nonce, sid}))`, `h_i = SHA-256(h_{i−1} ‖ SHA-256(JCS(event_i)))`. A chain head
//! commits to every event before it and their order, so a checkpoint or a signed result that names
//! a head freezes the history up to it.

use serde::Serialize;

use super::Event;
use crate::canonical::{Sha256Digest, jcs_sha256, sha256};

/// Position and head of a session's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    seq: u64,
    head: Sha256Digest,
}

#[derive(Serialize)]
struct Genesis<'a> {
    nonce: &'a str,
    sid: &'a str,
}

impl Chain {
    /// The chain before any event: `h0`.
    pub fn genesis(sid: &str, nonce: &str) -> Chain {
        let head = jcs_sha256(&Genesis { nonce, sid }).unwrap_or_else(|_| sha256(b""));
        Chain { seq: 0, head }
    }

    /// The chain as it stood after `seq` events with head `head_hex` (lowercase hex), as a
    /// backend stores it with a verified checkpoint: hashing goes on from there, so a new
    /// checkpoint costs what it adds, not the session's whole history. `None` if not a head.
    pub fn resume(seq: u64, head_hex: &str) -> Option<Chain> {
        let head = hex::decode(head_hex).ok()?.try_into().ok()?;
        Some(Chain { seq, head })
    }

    /// The head after appending `event`.
    pub fn next_head(&self, event: &Event) -> Sha256Digest {
        let event_hash = sha256(&event.canonical_json());
        let mut buf = [0u8; 64];
        buf[..32].copy_from_slice(&self.head);
        buf[32..].copy_from_slice(&event_hash);
        sha256(&buf)
    }

    /// Appends an event whose head was computed by [`Chain::next_head`].
    pub fn advance(&mut self, head: Sha256Digest) {
        self.seq += 1;
        self.head = head;
    }

    /// Number of events chained.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The current head.
    pub fn head(&self) -> &Sha256Digest {
        &self.head
    }

    /// The current head as lowercase hex.
    pub fn head_hex(&self) -> String {
        hex::encode(self.head)
    }
}
