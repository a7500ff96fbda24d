//! Captured stdout and stderr, with the output budget.

use std::cell::RefCell;

#[derive(Default)]
struct Streams {
    stdout: String,
    stderr: String,
    limit: usize,
}

thread_local! {
    static STREAMS: RefCell<Streams> = RefCell::new(Streams::default());
}

/// Starts capturing, allowing `limit` bytes over both streams.
pub fn start(limit: usize) {
    STREAMS.with(|s| {
        *s.borrow_mut() = Streams {
            limit,
            ..Streams::default()
        }
    });
}

/// Appends to stdout (`err` false) or stderr; past the budget the run stops.
pub fn write(text: &str, err: bool) {
    STREAMS.with(|s| {
        let mut s = s.borrow_mut();
        if s.stdout.len() + s.stderr.len() + text.len() > s.limit {
            drop(s);
            crate::stop::stop(br#"{"limit":"output"}"#);
        }
        if err {
            s.stderr.push_str(text);
        } else {
            s.stdout.push_str(text);
        }
    });
}

/// Takes what was captured: (stdout, stderr).
pub fn take() -> (String, String) {
    STREAMS.with(|s| {
        let mut s = s.borrow_mut();
        (std::mem::take(&mut s.stdout), std::mem::take(&mut s.stderr))
    })
}
