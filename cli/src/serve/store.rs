//! The reference backend's store: one SQLite file in WAL mode, fsync on every commit.
//!
//! Every write that a response acknowledges is committed before the response is sent, so an
//! acknowledged checkpoint or result survives a crash (`kill -9`) of the server.

use std::path::Path;

use anyhow::Context;
use assay::session::Event;
use rusqlite::{Connection, OptionalExtension, params};

/// The database connection (callers serialise access through a mutex).
pub struct Store {
    db: Connection,
}

/// A registered session.
pub struct SessionRow {
    /// The grant (compact JWS).
    pub grant: String,
    /// The package id.
    pub package_id: String,
}

/// A stored result and its receipt.
pub struct ResultRow {
    /// SHA-256 of the submitted token, to tell a retry from a different submission.
    pub token_sha256: String,
    /// The receipt returned to the submitter (JSON).
    pub receipt: String,
}

/// The outcome of storing a checkpoint or result under its `jti`.
pub enum Stored<T> {
    /// Newly stored.
    New(T),
    /// Already there with the same bytes: the stored copy.
    Same(T),
    /// Already there with different bytes.
    Conflict,
    /// The session already has another result (results only: one session, one result), by jti.
    Taken(String),
}

/// One stored checkpoint, as the audit lists it.
#[derive(Debug, serde::Serialize)]
pub struct CheckpointRow {
    /// The checkpoint's jti.
    pub jti: String,
    /// Events it covers.
    pub seq: u64,
    /// Server receive time, seconds since the epoch.
    pub received_at: u64,
}

/// What the store holds for one session.
#[derive(Debug)]
pub struct SessionAudit {
    /// Events stored.
    pub events: u64,
    /// Checkpoints in order of receipt.
    pub checkpoints: Vec<CheckpointRow>,
    /// Receipts (JSON text) of the session's results.
    pub results: Vec<String>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS issuer (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  jwk TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  sid TEXT PRIMARY KEY,
  package_id TEXT NOT NULL,
  grant TEXT NOT NULL,
  jkt TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  sid TEXT NOT NULL REFERENCES sessions(sid),
  seq INTEGER NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (sid, seq)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  jti TEXT PRIMARY KEY,
  sid TEXT NOT NULL REFERENCES sessions(sid),
  seq INTEGER NOT NULL,
  head TEXT NOT NULL,
  token TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
  jti TEXT PRIMARY KEY,
  sid TEXT NOT NULL REFERENCES sessions(sid),
  token_sha256 TEXT NOT NULL,
  token TEXT NOT NULL,
  score_raw INTEGER,
  score_max INTEGER,
  claimed_raw INTEGER,
  flags TEXT NOT NULL,
  receipt TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS results_by_time ON results(received_at);
CREATE INDEX IF NOT EXISTS checkpoints_by_session ON checkpoints(sid, seq);
CREATE TABLE IF NOT EXISTS invitations (
  code TEXT PRIMARY KEY,
  package_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  accommodations TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sid TEXT UNIQUE REFERENCES sessions(sid)
);
";

/// An operator's invitation to take a sealed package once.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    /// The package it is for.
    pub package_id: String,
    /// The applicant, as the operator knows them.
    pub sub: String,
    /// The accommodations the operator set (JSON of [`assay::session::Accommodations`]).
    pub accommodations: String,
    /// The session it gave, once used.
    pub sid: Option<String>,
}

impl Store {
    /// Opens (or creates) the database file.
    ///
    /// # Errors
    /// The file cannot be opened, or is not an Assay database.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        let db =
            Connection::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: every commit is fsynced, so an acknowledged write survives power loss too.
        db.pragma_update(None, "synchronous", "FULL")?;
        db.pragma_update(None, "foreign_keys", "ON")?;
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(SCHEMA)
            .with_context(|| format!("{} is not an Assay database", path.display()))?;
        Ok(Store { db })
    }

    /// The issuer key (JWK JSON), created by `make` on first use and kept from then on.
    pub fn issuer_key(
        &mut self,
        make: impl FnOnce() -> anyhow::Result<String>,
    ) -> anyhow::Result<String> {
        if let Some(jwk) = self
            .db
            .query_row("SELECT jwk FROM issuer WHERE id = 1", [], |r| r.get(0))
            .optional()?
        {
            return Ok(jwk);
        }
        let jwk = make()?;
        self.db
            .execute("INSERT INTO issuer (id, jwk) VALUES (1, ?1)", params![jwk])?;
        Ok(jwk)
    }

    /// Registers a session with its grant.
    pub fn insert_session(
        &mut self,
        sid: &str,
        package_id: &str,
        grant: &str,
        jkt: &str,
        now: u64,
    ) -> anyhow::Result<()> {
        self.db.execute(
            "INSERT INTO sessions (sid, package_id, grant, jkt, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sid, package_id, grant, jkt, now as i64],
        )?;
        Ok(())
    }

    /// Stores a new invitation under `code`.
    pub fn insert_invitation(
        &mut self,
        code: &str,
        invitation: &InvitationRow,
        now: u64,
    ) -> anyhow::Result<()> {
        self.db.execute(
            "INSERT INTO invitations (code, package_id, sub, accommodations, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![code, invitation.package_id, invitation.sub, invitation.accommodations, now as i64],
        )?;
        Ok(())
    }

    /// The invitation under `code`.
    pub fn invitation(&self, code: &str) -> anyhow::Result<Option<InvitationRow>> {
        Ok(self
            .db
            .query_row(
                "SELECT package_id, sub, accommodations, sid FROM invitations WHERE code = ?1",
                params![code],
                |r| {
                    Ok(InvitationRow {
                        package_id: r.get(0)?,
                        sub: r.get(1)?,
                        accommodations: r.get(2)?,
                        sid: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Registers a session opened with invitation `code`, in one transaction that also marks the
    /// invitation used; false (and nothing stored) when another session took it first.
    pub fn insert_invited_session(
        &mut self,
        code: &str,
        session: (&str, &str, &str, &str),
        now: u64,
    ) -> anyhow::Result<bool> {
        let (sid, package_id, grant, jkt) = session;
        let tx = self.db.transaction()?;
        tx.execute(
            "INSERT INTO sessions (sid, package_id, grant, jkt, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sid, package_id, grant, jkt, now as i64],
        )?;
        let taken = tx.execute(
            "UPDATE invitations SET sid = ?1 WHERE code = ?2 AND sid IS NULL",
            params![sid, code],
        )?;
        if taken != 1 {
            return Ok(false);
        }
        tx.commit()?;
        Ok(true)
    }

    /// A registered session.
    pub fn session(&self, sid: &str) -> anyhow::Result<Option<SessionRow>> {
        Ok(self
            .db
            .query_row(
                "SELECT grant, package_id FROM sessions WHERE sid = ?1",
                params![sid],
                |r| {
                    Ok(SessionRow {
                        grant: r.get(0)?,
                        package_id: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// The session's stored events from position `from` on, in order.
    pub fn events_from(&self, sid: &str, from: u64) -> anyhow::Result<Vec<Event>> {
        let mut statement = self
            .db
            .prepare("SELECT event FROM events WHERE sid = ?1 AND seq >= ?2 ORDER BY seq")?;
        let rows = statement.query_map(params![sid, from as i64], |r| r.get::<_, String>(0))?;
        let mut events = Vec::new();
        for row in rows {
            events.push(serde_json::from_str(&row?)?);
        }
        Ok(events)
    }

    /// How many events the session has stored.
    pub fn event_count(&self, sid: &str) -> anyhow::Result<u64> {
        let count: i64 = self.db.query_row(
            "SELECT COUNT(*) FROM events WHERE sid = ?1",
            params![sid],
            |r| r.get(0),
        )?;
        Ok(count as u64)
    }

    /// The verified chain position nearest below `at_most`: the `(seq, head)` of the session's
    /// stored checkpoint with the largest `seq` not above it (every stored one was verified).
    pub fn chain_base(&self, sid: &str, at_most: u64) -> anyhow::Result<Option<(u64, String)>> {
        Ok(self
            .db
            .query_row(
                "SELECT seq, head FROM checkpoints WHERE sid = ?1 AND seq <= ?2 ORDER BY seq DESC LIMIT 1",
                params![sid, at_most as i64],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)),
            )
            .optional()?)
    }

    /// The session's checkpoint tokens with the server's receive time, in order of receipt.
    pub fn checkpoints(&self, sid: &str) -> anyhow::Result<Vec<(String, u64)>> {
        let mut statement = self.db.prepare(
            "SELECT token, received_at FROM checkpoints WHERE sid = ?1 ORDER BY received_at, seq",
        )?;
        let rows = statement.query_map(params![sid], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores a checkpoint and the events it adds (from `first_seq`), atomically.
    ///
    /// Events already stored at the same positions must be identical (a retry); the rest are
    /// appended. Returns the stored receive time.
    #[allow(clippy::too_many_arguments)]
    pub fn insert_checkpoint(
        &mut self,
        jti: &str,
        sid: &str,
        seq: u64,
        head: &str,
        token: &str,
        first_seq: u64,
        events: &[Event],
        now: u64,
    ) -> anyhow::Result<Stored<u64>> {
        let tx = self.db.transaction()?;
        let existing: Option<(String, i64)> = tx
            .query_row(
                "SELECT token, received_at FROM checkpoints WHERE jti = ?1",
                params![jti],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((stored, at)) = existing {
            return Ok(if stored == token {
                Stored::Same(at as u64)
            } else {
                Stored::Conflict
            });
        }
        for (i, event) in events.iter().enumerate() {
            let position = first_seq + i as u64;
            tx.execute(
                "INSERT OR IGNORE INTO events (sid, seq, event) VALUES (?1, ?2, ?3)",
                params![sid, position as i64, serde_json::to_string(event)?],
            )?;
        }
        tx.execute(
            "INSERT INTO checkpoints (jti, sid, seq, head, token, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![jti, sid, seq as i64, head, token, now as i64],
        )?;
        tx.commit()?;
        Ok(Stored::New(now))
    }

    /// Replaces the session's events from `first_seq` on (before a result is verified).
    pub fn put_events(
        &mut self,
        sid: &str,
        first_seq: u64,
        events: &[Event],
    ) -> anyhow::Result<()> {
        let tx = self.db.transaction()?;
        for (i, event) in events.iter().enumerate() {
            tx.execute(
                "INSERT OR REPLACE INTO events (sid, seq, event) VALUES (?1, ?2, ?3)",
                params![
                    sid,
                    (first_seq + i as u64) as i64,
                    serde_json::to_string(event)?
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A stored result.
    pub fn result(&self, jti: &str) -> anyhow::Result<Option<ResultRow>> {
        Ok(self
            .db
            .query_row(
                "SELECT token_sha256, receipt FROM results WHERE jti = ?1",
                params![jti],
                |r| {
                    Ok(ResultRow {
                        token_sha256: r.get(0)?,
                        receipt: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Stores a verified result, unless its `jti` is already taken.
    #[allow(clippy::too_many_arguments)]
    pub fn insert_result(
        &mut self,
        jti: &str,
        sid: &str,
        token: &str,
        token_sha256: &str,
        score: Option<(i64, i64)>,
        claimed_raw: Option<i64>,
        flags: &str,
        receipt: &str,
        now: u64,
    ) -> anyhow::Result<Stored<String>> {
        let tx = self.db.transaction()?;
        let existing: Option<(String, String)> = tx
            .query_row(
                "SELECT token_sha256, receipt FROM results WHERE jti = ?1",
                params![jti],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((hash, stored)) = existing {
            return Ok(if hash == token_sha256 {
                Stored::Same(stored)
            } else {
                Stored::Conflict
            });
        }
        // Checked again inside the transaction: two results racing for one session.
        if let Some(taken) = session_result(&tx, sid)? {
            return Ok(Stored::Taken(taken));
        }
        tx.execute(
            "INSERT INTO results (jti, sid, token_sha256, token, score_raw, score_max, claimed_raw, flags, receipt, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![jti, sid, token_sha256, token, score.map(|s| s.0), score.map(|s| s.1), claimed_raw, flags, receipt, now as i64],
        )?;
        tx.commit()?;
        Ok(Stored::New(receipt.to_string()))
    }

    /// The jti of the result a session already has, if any.
    pub fn session_result(&self, sid: &str) -> anyhow::Result<Option<String>> {
        session_result(&self.db, sid)
    }

    /// What was delivered for one session: events stored, checkpoints (jti, seq, receive time)
    /// in order of receipt, and the receipts of its results.
    pub fn audit(&self, sid: &str) -> anyhow::Result<SessionAudit> {
        let events: i64 = self.db.query_row(
            "SELECT COUNT(*) FROM events WHERE sid = ?1",
            params![sid],
            |r| r.get(0),
        )?;
        let mut statement = self.db.prepare(
            "SELECT jti, seq, received_at FROM checkpoints WHERE sid = ?1 ORDER BY received_at, seq",
        )?;
        let checkpoints = statement
            .query_map(params![sid], |r| {
                Ok(CheckpointRow {
                    jti: r.get(0)?,
                    seq: r.get::<_, i64>(1)? as u64,
                    received_at: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut statement = self
            .db
            .prepare("SELECT receipt FROM results WHERE sid = ?1 ORDER BY received_at, jti")?;
        let results = statement
            .query_map(params![sid], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?;
        Ok(SessionAudit {
            events: events as u64,
            checkpoints,
            results,
        })
    }

    /// Every stored result's receipt, oldest first.
    pub fn receipts(&self) -> anyhow::Result<Vec<String>> {
        let mut statement = self
            .db
            .prepare("SELECT receipt FROM results ORDER BY received_at, jti")?;
        let rows = statement.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn session_result(db: &rusqlite::Connection, sid: &str) -> anyhow::Result<Option<String>> {
    Ok(db
        .query_row(
            "SELECT jti FROM results WHERE sid = ?1 LIMIT 1",
            params![sid],
            |r| r.get(0),
        )
        .optional()?)
}
