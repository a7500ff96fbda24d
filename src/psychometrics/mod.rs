//! Psychometrics: item response models, ability estimation, adaptive selection and calibration.
//!
//! Everything here is a pure function of its inputs: randomness comes from a caller's seed
//! through [`crate::seed::Stream`], transcendental functions from `libm`, and no result depends
//! on map iteration order, so an adaptive test replays to the same items, θ and SE on every
//! platform.

pub mod batch;
pub mod calibrate;
pub mod cat;
pub mod estimate;
pub mod model;
pub mod params;
pub mod random;
mod table;
mod weighted;

use thiserror::Error;

pub use batch::eap_scores;
pub use calibrate::{Calibration, CalibrationConfig, ResponseMatrix, calibrate};
pub use cat::{CatConfig, Pool, PoolItem, Step, StopReason, StopRule};
pub use estimate::{Estimate, EstimatorConfig, Method, Prior, Quadrature, eap, map, mle};
pub use model::{Item, ModelKind, test_information};
pub use table::{LogTable, ProbTable};

/// Why a psychometric computation was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum IrtError {
    /// A configuration value is out of range.
    #[error("{field}: {message}")]
    Config {
        /// The field, as written in configuration files (`prior.sd`, `stop.max_items`...).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// An item's parameters are missing or invalid.
    #[error("{path}: {message}")]
    Param {
        /// JSON path of the offending value (`items[3].irt.b`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// Response data do not fit the items or the model.
    #[error("{message}")]
    Data {
        /// What is wrong, naming the row and column.
        message: String,
    },
}

impl IrtError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            IrtError::Config { .. } => "irt_config",
            IrtError::Param { .. } => "irt_param",
            IrtError::Data { .. } => "irt_data",
        }
    }
}
