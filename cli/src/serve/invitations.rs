//! Invitations: a sealed package is taken only with one, issued by its operator.
//!
//! An invitation names the package, the applicant (`sub`) and the accommodations the operator
//! set; the session it opens takes them from it, never from the page. It is used once: the
//! session and the invitation's use are stored in one transaction, so two pages racing with one
//! code get one session between them. The demo (`--demo-invitations`) lets its landing page
//! invite anyone who clicks, which a real deployment never does.

use std::sync::Arc;

use assay::package::Delivery;
use assay::receipt::jose::b64;
use assay::session::Accommodations;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::api::{ApiError, authorise, blocking};
use super::store::{InvitationRow, Store};
use crate::files;

/// `POST /v1/invitations` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    package: String,
    sub: String,
    #[serde(default)]
    accommodations: Accommodations,
}

/// `POST /v1/demo/invitations` body: the demo invites whoever asks, with no accommodations.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoInvitation {
    package: String,
}

/// An invitation as a session request presents it: what the session takes from it.
pub struct Admitted {
    /// The applicant.
    pub sub: String,
    /// Their accommodations.
    pub accommodations: Accommodations,
}

/// What a session request is granted: the invitation it came with (its code and terms), and the
/// accommodations the session runs with.
pub struct Terms {
    /// The invitation, when the request came with one.
    pub invited: Option<(String, Admitted)>,
    /// The accommodations: the invitation's, the page's where the server accepts them, or none.
    pub accommodations: Accommodations,
}

/// The terms of a session request for `package`, delivered as `delivery`: a sealed package
/// needs an invitation, whose accommodations are the only ones it takes; a practice package takes
/// the page's only from a server started with `--client-accommodations`.
pub async fn terms(
    state: &Arc<AppState>,
    package: &str,
    delivery: Delivery,
    invitation: Option<&str>,
    requested: Option<Accommodations>,
) -> Result<Terms, ApiError> {
    let invited = match invitation {
        Some(code) => Some((code.to_string(), admit(state, code, package).await?)),
        None if delivery == Delivery::Sealed => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "invitation_required",
                "This test is taken with the invitation link its organiser sent you: open that link to start.",
            ));
        }
        None => None,
    };
    let refused = |message: &str| {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "accommodations_not_accepted",
            message,
        ))
    };
    let accommodations = match requested {
        None => invited
            .as_ref()
            .map_or_else(Accommodations::default, |(_, i)| i.accommodations),
        // A sealed package is high-stakes: extra time is the operator's to grant, not the page's.
        Some(_) if delivery == Delivery::Sealed || invited.is_some() => {
            return refused(
                "a sealed test's accommodations are set by the operator, not requested by the page",
            );
        }
        Some(acc) if state.config.client_accommodations => acc,
        Some(_) => {
            return refused(
                "this server sets accommodations itself; start it with --client-accommodations to accept them from the page",
            );
        }
    };
    Ok(Terms {
        invited,
        accommodations,
    })
}

/// Issues an invitation (operator's bearer token required).
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Json<NewInvitation>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    authorise(&state, &headers)?;
    let Json(body) = body.map_err(|e| ApiError::new(e.status(), "invalid_body", e.body_text()))?;
    assay::receipt::check_sub(&body.sub)
        .map_err(|message| ApiError::new(StatusCode::BAD_REQUEST, "invalid_sub", message))?;
    assay::session::check_accommodations(&body.accommodations).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_accommodations",
            e.to_string(),
        )
    })?;
    mint(&state, body.package, body.sub, body.accommodations).await
}

/// Issues a demo invitation to whoever asks (servers started with `--demo-invitations` only).
pub async fn demo(
    State(state): State<Arc<AppState>>,
    body: Result<Json<DemoInvitation>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    if !state.config.demo_invitations {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "demo_invitations_disabled",
            "this server issues invitations to its operator only",
        ));
    }
    let Json(body) = body.map_err(|e| ApiError::new(e.status(), "invalid_body", e.body_text()))?;
    let sub = format!("demo-{}", b64(&files::random::<9>()?));
    mint(&state, body.package, sub, Accommodations::default()).await
}

async fn mint(
    state: &Arc<AppState>,
    package: String,
    sub: String,
    accommodations: Accommodations,
) -> Result<Response, ApiError> {
    if !state.packages.contains_key(&package) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_package",
            format!("no package {package:?}"),
        ));
    }
    let (p, s) = (package.clone(), sub.clone());
    let code = blocking(state, move |store| issue(store, &p, &s, accommodations)).await?;
    let body = json!({"invitation": code, "package": package, "sub": sub, "accommodations": accommodations});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Stores a new invitation for `sub` to take `package` and returns its code (128 random bits):
/// the API's and `assay invite`'s one way to make one.
pub fn issue(
    store: &mut Store,
    package: &str,
    sub: &str,
    accommodations: Accommodations,
) -> anyhow::Result<String> {
    let code = b64(&files::random::<16>()?);
    let row = InvitationRow {
        package_id: package.to_string(),
        sub: sub.to_string(),
        accommodations: serde_json::to_string(&accommodations)?,
        sid: None,
    };
    store.insert_invitation(&code, &row, files::now())?;
    Ok(code)
}

/// Checks an invitation presented with a session request for `package`; the session is stored
/// with it later (see `Store::insert_invited_session`), which settles a race for its one use.
pub async fn admit(state: &Arc<AppState>, code: &str, package: &str) -> Result<Admitted, ApiError> {
    let wanted = code.to_string();
    let Some(row) = blocking(state, move |store| store.invitation(&wanted)).await? else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "invitation_unknown",
            "This invitation was not issued by this server: check the link you were sent.",
        ));
    };
    if row.package_id != package {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "invitation_package",
            format!(
                "This invitation is for another test ({:?}).",
                row.package_id
            ),
        ));
    }
    if row.sid.is_some() {
        return Err(used());
    }
    let accommodations = serde_json::from_str(&row.accommodations).map_err(ApiError::internal)?;
    Ok(Admitted {
        sub: row.sub,
        accommodations,
    })
}

/// The refusal of an invitation already used.
pub fn used() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "invitation_used",
        "This invitation has been used already: each one opens the test once. Ask the organiser if you need another.",
    )
}
