//! The backend's JSON API: sessions and grants, checkpoints, results, export.

use std::sync::Arc;

use assay::canonical::{parse_canonical, sha256};
use assay::receipt::jose::{Compact, b64};
use assay::receipt::{
    CHECKPOINT_TYP, CheckpointClaims, Evidence, FLAG_CODES, GRANT_TYP, GrantClaims, Jwk, PublicKey,
    ResultClaims, Trust, open, sign_claims, verify,
};
use assay::session::{Accommodations, Chain, Event, MAX_SAFE_INTEGER};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::receipt::{self, Receipt};
use super::store::{SessionRow, Stored};
use super::{AppState, invitations, timing};
use crate::files;

/// An API error: a status and a JSON body `{"error": {"code", "message", ...}}`.
pub struct ApiError {
    status: StatusCode,
    body: Value,
}

impl ApiError {
    pub(super) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: json!({"error": {"code": code, "message": message.into()}}),
        }
    }

    pub(super) fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::internal(format!("{e:#}"))
    }
}

/// Runs blocking store work off the async threads.
pub(super) async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&mut super::store::Store) -> anyhow::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = state
            .store
            .lock()
            .map_err(|_| anyhow::anyhow!("the store lock is poisoned"))?;
        work(&mut store)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::from)
}

/// `POST /v1/sessions` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    package: String,
    public_key: Jwk,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    accommodations: Option<Accommodations>,
    /// The session's seed, taken only from a server started with `--accept-seeds`.
    #[serde(default)]
    seed: Option<u64>,
    /// The operator's invitation: required for a sealed package, and then the source of `sub`
    /// and the accommodations.
    #[serde(default)]
    invitation: Option<String>,
}

/// Registers the browser's session key and returns a signed grant.
pub async fn create_session(
    State(state): State<Arc<AppState>>,
    body: Result<Json<NewSession>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::new(e.status(), "invalid_body", e.body_text()))?;
    if let Some(sub) = &body.sub {
        assay::receipt::check_sub(sub)
            .map_err(|message| ApiError::new(StatusCode::BAD_REQUEST, "invalid_sub", message))?;
    }
    let offered = state.packages.get(&body.package).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_package",
            format!("no package {:?}", body.package),
        )
    })?;
    let key = PublicKey::from_jwk(&body.public_key)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_key", e.to_string()))?;
    let terms = invitations::terms(
        &state,
        &body.package,
        offered.package.delivery,
        body.invitation.as_deref(),
        body.accommodations,
    )
    .await?;
    let acc = terms.accommodations;
    let sid = b64(&files::random::<16>()?);
    let nonce = b64(&files::random::<16>()?);
    let seed = match body.seed {
        None => u64::from_le_bytes(files::random::<8>()?) & MAX_SAFE_INTEGER,
        Some(_) if !state.config.accept_seeds => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "seed_not_accepted",
                "this server draws every session's seed; start it with --accept-seeds to take one from the request",
            ));
        }
        Some(seed) if seed > MAX_SAFE_INTEGER => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_seed",
                format!("seed {seed} is above 2^53 - 1"),
            ));
        }
        Some(seed) => seed,
    };
    let now = files::now();
    let sub = match &terms.invited {
        Some((_, invitation)) => Some(invitation.sub.as_str()),
        None => body.sub.as_deref(),
    };
    let claims = GrantClaims::for_session(
        &state.config.issuer_name,
        &state.config.audience,
        sub,
        &sid,
        &nonce,
        seed,
        &key,
        &offered.package,
        acc,
        now,
        state.config.margin_s,
    )
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    if let Err(e) = assay::session::Session::start(offered.package.clone(), claims.session_config())
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            e.code(),
            e.to_string(),
        ));
    }
    let grant = sign_claims(&state.issuer, GRANT_TYP, &claims);
    let (s, g, p, j) = (
        sid.clone(),
        grant.clone(),
        body.package.clone(),
        claims.cnf.jkt.clone(),
    );
    let code = terms.invited.map(|(code, _)| code);
    let admitted = blocking(&state, move |store| match code {
        Some(code) => store.insert_invited_session(&code, (&s, &p, &g, &j), now),
        None => store.insert_session(&s, &p, &g, &j, now).map(|()| true),
    })
    .await?;
    if !admitted {
        return Err(invitations::used());
    }
    let response = json!({
        "sid": sid,
        "grant": grant,
        "package": offered.summary,
        "issuer": state.issuer.public().to_jwk(),
    });
    Ok((StatusCode::CREATED, Json(response)).into_response())
}

/// `POST /v1/sessions/{sid}/checkpoints` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCheckpoint {
    checkpoint: String,
    /// Position of the first event in `events`.
    from: u64,
    events: Vec<Event>,
}

fn unknown_session(sid: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown_session",
        format!("no session {sid:?}"),
    )
}

fn grant_of(token: &str) -> Result<GrantClaims, ApiError> {
    let payload = Compact::parse(token).map_err(ApiError::internal)?.payload;
    let value = parse_canonical(&payload).map_err(ApiError::internal)?;
    serde_json::from_value(value).map_err(ApiError::internal)
}

fn session_key(grant: &GrantClaims) -> Result<PublicKey, ApiError> {
    let jwk = grant
        .cnf
        .jwk
        .as_ref()
        .ok_or_else(|| ApiError::internal("a stored grant has no key"))?;
    PublicKey::from_jwk(jwk).map_err(ApiError::internal)
}

/// Stores new events and a signed checkpoint, with the server's receive time.
pub async fn add_checkpoint(
    State(state): State<Arc<AppState>>,
    Path(sid): Path<String>,
    body: Result<Json<NewCheckpoint>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::new(e.status(), "invalid_body", e.body_text()))?;
    let s = sid.clone();
    let session = blocking(&state, move |store| store.session(&s)).await?;
    let session = session.ok_or_else(|| unknown_session(&sid))?;
    too_many_events(
        &state,
        &session,
        (body.from as usize).saturating_add(body.events.len()),
    )?;
    let grant = grant_of(&session.grant)?;
    let key = session_key(&grant)?;
    let claims: CheckpointClaims =
        open(&body.checkpoint, &key, CHECKPOINT_TYP).map_err(|(_, message)| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "checkpoint_invalid",
                message,
            )
        })?;
    if claims.sid != sid {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "checkpoint_session",
            "the checkpoint is for another session",
        ));
    }
    // The chain as the last verified checkpoint at or before `from` left it, and the events
    // stored after it: only those and the new ones are hashed, so a checkpoint costs what it
    // adds, however long the session (an in-order client sends from its last checkpoint).
    let from = body.from;
    let s = sid.clone();
    let (stored, base, after) = blocking(&state, move |store| {
        let stored = store.event_count(&s)?;
        let base = store.chain_base(&s, from.min(stored))?;
        let after = store.events_from(&s, base.as_ref().map_or(0, |(seq, _)| *seq))?;
        Ok((stored, base, after))
    })
    .await?;
    if from > stored {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "events_gap",
            format!("events from {from} sent, but only {stored} are stored: send from {stored}"),
        ));
    }
    let mut chain = match &base {
        Some((seq, head)) => Chain::resume(*seq, head)
            .ok_or_else(|| ApiError::internal("a stored checkpoint head is not a head"))?,
        None => Chain::genesis(&grant.sid, &grant.nonce),
    };
    // Stored events between the base and `from`, then the new ones; where the new ones overlap
    // stored events (a retry), they must be the same.
    let kept = (from - chain.seq()) as usize;
    for (i, event) in body.events.iter().enumerate() {
        if let Some(stored) = after.get(kept + i)
            && stored != event
        {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "events_differ",
                format!("event {} differs from the one stored", from as usize + i),
            ));
        }
    }
    let seq = from + body.events.len() as u64;
    if claims.seq != seq {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "checkpoint_mismatch",
            format!(
                "the checkpoint covers {} events; {seq} are known",
                claims.seq
            ),
        ));
    }
    for event in after.iter().take(kept).chain(&body.events) {
        let head = chain.next_head(event);
        chain.advance(head);
    }
    if chain.head_hex() != claims.head {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "checkpoint_mismatch",
            "the events do not hash to the checkpoint's head",
        ));
    }
    let now = files::now();
    let (jti, head, token, events) = (
        claims.jti.clone(),
        claims.head.clone(),
        body.checkpoint.clone(),
        body.events,
    );
    let outcome = blocking(&state, move |store| {
        store.insert_checkpoint(
            &jti, &sid, claims.seq, &head, &token, body.from, &events, now,
        )
    })
    .await?;
    let (status, received_at) = match outcome {
        Stored::New(at) => (StatusCode::CREATED, at),
        Stored::Same(at) => (StatusCode::OK, at),
        Stored::Conflict => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "jti_conflict",
                "another checkpoint was stored under this jti",
            ));
        }
        Stored::Taken(_) => return Err(ApiError::internal("a checkpoint cannot take its session")),
    };
    Ok((status, Json(json!({"jti": claims.jti, "seq": claims.seq, "head": claims.head, "received_at": received_at})) ).into_response())
}

/// `POST /v1/results` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewResult {
    result: String,
    events: Vec<Event>,
}

/// Verifies, re-scores and stores a result; idempotent on its `jti`.
/// Refuses a log longer than the session's package allows, before it is hashed or stored: no
/// session of that package could have recorded it.
fn too_many_events(state: &AppState, session: &SessionRow, events: usize) -> Result<(), ApiError> {
    let limit = state
        .packages
        .get(&session.package_id)
        .map_or(0, |offered| offered.package.max_events());
    if events as u64 > limit {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_many_events",
            format!("{events} events; a session of this package holds at most {limit}"),
        ));
    }
    Ok(())
}

pub async fn submit_result(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<NewResult>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::new(e.status(), "invalid_body", e.body_text()))?;
    let unverified: ResultClaims = Compact::parse(&body.result)
        .ok()
        .and_then(|c| serde_json::from_slice(&c.payload).ok())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "result_malformed",
                "the result is not a compact JWS of result claims",
            )
        })?;
    if let Some(key) = headers.get("idempotency-key")
        && key.as_bytes() != unverified.jti.as_bytes()
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key",
            "Idempotency-Key must equal the result's jti",
        ));
    }
    let token_sha256 = hex_sha256(body.result.as_bytes());
    let (jti, sid) = (unverified.jti.clone(), unverified.sid.clone());
    let (existing, taken, session, checkpoints) = blocking(&state, move |store| {
        Ok((
            store.result(&jti)?,
            store.session_result(&sid)?,
            store.session(&sid)?,
            store.checkpoints(&sid)?,
        ))
    })
    .await?;
    // What the page may see of a receipt depends on the session's package.
    let offered = match &session {
        Some(session) => Some(
            state
                .packages
                .get(&session.package_id)
                .ok_or_else(|| ApiError::internal("the session's package is no longer served"))?,
        ),
        None => None,
    };
    let shown = |stored: &str| match offered {
        Some(offered) => receipt::for_applicant(stored, &offered.package),
        None => "{}".to_string(),
    };
    if let Some(row) = existing {
        return if row.token_sha256 == token_sha256 {
            Ok((
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                shown(&row.receipt),
            )
                .into_response())
        } else {
            Err(ApiError::new(
                StatusCode::CONFLICT,
                "jti_conflict",
                "another result was stored under this jti",
            ))
        };
    }
    // One session, one result: refused before any verification work, since a second result
    // with other answers would learn from the first receipt's score.
    if let Some(taken) = taken {
        return Err(result_taken(&taken));
    }
    let session = session.ok_or_else(|| unknown_session(&unverified.sid))?;
    let offered = offered.ok_or_else(|| ApiError::internal("the session's package is missing"))?;
    too_many_events(&state, &session, body.events.len())?;
    let now = files::now();
    let issuer = state.issuer.public();
    let tokens: Vec<String> = checkpoints.iter().map(|(token, _)| token.clone()).collect();
    // Re-running coding submissions takes a while: off the async workers.
    let verdict = tokio::task::block_in_place(|| {
        verify(
            Evidence {
                result: &body.result,
                grant: &session.grant,
                events: &body.events,
                checkpoints: &tokens,
            },
            Trust {
                issuer: &issuer,
                package: &offered.package,
                now,
                audience: Some(&state.config.audience),
                skew: state.config.skew_s,
                judge: state
                    .runner
                    .as_ref()
                    .map(|r| r as &dyn assay::sandbox::CodeJudge),
            },
        )
    });
    let (flags, fatal): (Vec<_>, Vec<_>) = verdict
        .failures
        .iter()
        .partition(|f| FLAG_CODES.contains(&f.code));
    if !fatal.is_empty() {
        return Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({"error": {"code": "result_invalid", "message": "the result failed verification", "failures": fatal}}),
        });
    }
    let Some(claims) = verdict.claims.as_ref() else {
        return Err(ApiError::internal("verified claims are missing"));
    };
    let mut flag_codes: Vec<String> = flags.iter().map(|f| f.code.to_string()).collect();
    if let Some(grant) = &verdict.grant {
        let deliveries = timing::Deliveries {
            checkpoints: &checkpoints,
            result_iat: claims.iat,
            now,
        };
        flag_codes.extend(
            timing::flags(
                &offered.package,
                grant,
                &body.events,
                &deliveries,
                state.config.skew_s,
            )
            .into_iter()
            .map(String::from),
        );
    }
    if !verdict.complete {
        flag_codes.push("incomplete".into());
    }
    let receipt = serde_json::to_string(&Receipt {
        jti: &claims.jti,
        sid: &claims.sid,
        received_at: now,
        score: verdict.rescore,
        claimed: verdict.claimed,
        items: &verdict.items,
        adaptive: &verdict.adaptive,
        complete: verdict.complete,
        flags: flag_codes.clone(),
        package: &claims.pkg,
    })
    .map_err(ApiError::internal)?;
    let (jti, sid, token, events) = (
        claims.jti.clone(),
        claims.sid.clone(),
        body.result.clone(),
        body.events,
    );
    let score = verdict.rescore.map(|s| (s.raw, s.max));
    let claimed = verdict.claimed.map(|s| s.raw);
    let flags_json = serde_json::to_string(&flag_codes).map_err(ApiError::internal)?;
    let stored = blocking(&state, move |store| {
        store.put_events(&sid, 0, &events)?;
        store.insert_result(
            &jti,
            &sid,
            &token,
            &token_sha256,
            score,
            claimed,
            &flags_json,
            &receipt,
            now,
        )
    })
    .await?;
    match stored {
        Stored::New(receipt) => Ok((
            StatusCode::CREATED,
            [(header::CONTENT_TYPE, "application/json")],
            shown(&receipt),
        )
            .into_response()),
        Stored::Same(receipt) => Ok((
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            shown(&receipt),
        )
            .into_response()),
        Stored::Conflict => Err(ApiError::new(
            StatusCode::CONFLICT,
            "jti_conflict",
            "another result was stored under this jti",
        )),
        Stored::Taken(taken) => Err(result_taken(&taken)),
    }
}

fn result_taken(jti: &str) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "result_exists",
        format!("this session already has a result ({jti}); a session takes one result"),
    )
}

fn hex_sha256(bytes: &[u8]) -> String {
    sha256(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `GET /v1/results` query.
#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    format: Option<String>,
}

/// Exports every stored receipt as JSON or CSV (bearer token required).
pub async fn export_results(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    authorise(&state, &headers)?;
    let receipts = blocking(&state, |store| store.receipts()).await?;
    let values: Vec<Value> = receipts
        .iter()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect();
    match query.format.as_deref() {
        None | Some("json") => Ok(Json(values).into_response()),
        Some("csv") => Ok((
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            to_csv(&values),
        )
            .into_response()),
        Some(other) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknown_format",
            format!("format {other:?}: use json or csv"),
        )),
    }
}

/// Checks the operator's bearer token (`--export-token`).
pub(super) fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.export_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "export_disabled",
            "start the server with --export-token to enable the export",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid bearer token is required",
        ));
    }
    Ok(())
}

/// Everything stored for one session, for operators (bearer token required).
pub async fn audit_session(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(sid): Path<String>,
) -> Result<Response, ApiError> {
    authorise(&state, &headers)?;
    let s = sid.clone();
    let (session, audit) = blocking(&state, move |store| {
        Ok((store.session(&s)?, store.audit(&s)?))
    })
    .await?;
    let session = session.ok_or_else(|| unknown_session(&sid))?;
    let results: Vec<Value> = audit
        .results
        .iter()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect();
    Ok(Json(json!({
        "sid": sid,
        "package": session.package_id,
        "events": audit.events,
        "checkpoints": audit.checkpoints,
        "results": results,
    }))
    .into_response())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// One row per receipt; points as decimals (thousandths are exact in three places).
fn to_csv(receipts: &[Value]) -> String {
    let mut out = String::from(
        "jti,sid,package,package_version,received_at,score,max_score,claimed_score,complete,flags\n",
    );
    let points = |v: &Value| {
        v.as_i64()
            .map(|n| assay::Points(n).to_string())
            .unwrap_or_default()
    };
    for r in receipts {
        let fields = [
            r["jti"].as_str().unwrap_or_default().to_string(),
            r["sid"].as_str().unwrap_or_default().to_string(),
            r["package"]["id"].as_str().unwrap_or_default().to_string(),
            r["package"]["ver"].as_str().unwrap_or_default().to_string(),
            r["received_at"].to_string(),
            points(&r["score"]["raw"]),
            points(&r["score"]["max"]),
            points(&r["claimed"]["raw"]),
            r["complete"].to_string(),
            r["flags"]
                .as_array()
                .map(|f| {
                    f.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
        ];
        let escaped: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&escaped.join(","));
        out.push('\n');
    }
    out
}

fn csv_field(field: &str) -> String {
    // Quote fields with separators, and neutralise spreadsheet formulas.
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}
