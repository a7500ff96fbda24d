//! The receipt of an accepted result: what the backend stores, and what it tells the applicant.
//!
//! The stored receipt holds everything the verification found: the authoritative score, each
//! item's, the adaptive estimates, the flags. The applicant's page gets it whole for a practice
//! package, whose keys it holds anyway. For a sealed package it gets only what the package's
//! `feedback` allows: nothing of the score with `none`, the total with `score`, every item with
//! `items`. A receipt must not become the key a sealed package keeps from the page.

use assay::Package;
use assay::package::{Delivery, Feedback};
use assay::receipt::{AdaptiveClaim, ItemClaim, PackageRef, ScoreClaim};
use serde::Serialize;

/// What the backend stores for an accepted result.
#[derive(Serialize)]
pub struct Receipt<'a> {
    pub jti: &'a str,
    pub sid: &'a str,
    pub received_at: u64,
    /// The authoritative score: the backend's re-score of the events.
    pub score: Option<ScoreClaim>,
    /// What the client claimed (for a sealed package, only what it could see).
    pub claimed: Option<ScoreClaim>,
    /// Each item's authoritative score.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub items: &'a [ItemClaim],
    /// The adaptive sections' θ and SE re-computed from the events (absent without any).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub adaptive: &'a [AdaptiveClaim],
    pub complete: bool,
    pub flags: Vec<String>,
    pub package: &'a PackageRef,
}

/// The stored receipt as the applicant's page may see it (see the module's introduction).
pub fn for_applicant(stored: &str, package: &Package) -> String {
    if package.delivery == Delivery::Practice {
        return stored.to_string();
    }
    let Ok(serde_json::Value::Object(mut receipt)) = serde_json::from_str(stored) else {
        // Our own JSON always reads back; if it did not, the page gets nothing rather than all.
        return "{}".to_string();
    };
    let withheld: &[&str] = match package.feedback {
        Feedback::None => &["score", "items", "adaptive"],
        Feedback::Score => &["items"],
        Feedback::Items => &[],
    };
    for field in withheld {
        receipt.remove(*field);
    }
    serde_json::Value::Object(receipt).to_string()
}
