//! Session time: active time (wall time minus credited breaks) and deadlines.
//!
//! All arithmetic is in integer milliseconds of the caller's clock. A break freezes the clock
//! only while break allowance remains; once it is used up, time runs again even if the applicant
//! stays on the break screen.

/// The session's clock state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Clock {
    /// `t` of `session.start`.
    pub started_at: u64,
    /// Break time already credited by ended breaks.
    pub frozen_ms: u64,
    /// `t` of the current break's start, if on a break.
    pub break_since: Option<u64>,
    /// Total break time granted.
    pub allowance_ms: u64,
}

impl Clock {
    /// Break time credited up to `t`, including the current break.
    pub fn frozen_at(&self, t: u64) -> u64 {
        let ongoing = self.break_since.map_or(0, |since| {
            t.saturating_sub(since)
                .min(self.allowance_ms.saturating_sub(self.frozen_ms))
        });
        self.frozen_ms + ongoing
    }

    /// Active (counted) time since the start, at `t`.
    pub fn active_at(&self, t: u64) -> u64 {
        t.saturating_sub(self.started_at)
            .saturating_sub(self.frozen_at(t))
    }

    /// Break allowance not yet used, at `t`.
    pub fn allowance_left_at(&self, t: u64) -> u64 {
        self.allowance_ms.saturating_sub(self.frozen_at(t))
    }

    /// Ends the current break at `t`, crediting its frozen time.
    pub fn end_break(&mut self, t: u64) {
        self.frozen_ms = self.frozen_at(t);
        self.break_since = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn breaks_freeze_only_within_allowance() {
        let mut c = Clock {
            started_at: 1_000,
            allowance_ms: 5_000,
            ..Clock::default()
        };
        assert_eq!(c.active_at(3_000), 2_000);
        c.break_since = Some(3_000);
        assert_eq!(c.active_at(6_000), 2_000, "frozen during the break");
        assert_eq!(c.active_at(8_000), 2_000, "allowance just used up");
        assert_eq!(
            c.active_at(9_000),
            3_000,
            "running again past the allowance"
        );
        c.end_break(9_000);
        assert_eq!(c.frozen_ms, 5_000);
        assert_eq!(c.allowance_left_at(9_000), 0);
        assert_eq!(c.active_at(10_000), 4_000);
    }
}
