//! Arbitrary bytes as a package: a typed error or a package that starts sessions, never a panic.
#![no_main]

use std::sync::Arc;

use assay::Package;
use assay::session::{Session, SessionConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(package) = Package::from_json(data) {
        let config = SessionConfig {
            sid: "fuzz".into(),
            nonce: "fuzz".into(),
            seed: 1,
            accommodations: Default::default(),
        };
        let _ = Session::start(Arc::new(package), config);
    }
});
