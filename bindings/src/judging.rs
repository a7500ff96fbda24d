//! `Judging`: one coding submission being judged, driven by the page's runner Worker.

use assay::sandbox::Observed;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{error, from_js, to_js};

/// One submission being judged; JS holds only this handle.
#[wasm_bindgen]
pub struct Judging {
    pub(crate) inner: assay::sandbox::judging::Judging,
}

/// A run for the Worker: the module's request as JSON text and the step budget for its counter.
#[derive(Serialize)]
struct WorkerRun {
    test: u32,
    request: String,
    steps: u64,
}

#[wasm_bindgen]
impl Judging {
    /// The runs to make now, `[{test, request, steps}]`, as one batch (empty once done).
    #[wasm_bindgen(unchecked_return_type = "{ test: number; request: string; steps: number }[]")]
    pub fn runs(&self) -> Result<JsValue, JsValue> {
        let runs: Vec<WorkerRun> = self
            .inner
            .runs()
            .iter()
            .map(|r| WorkerRun {
                test: r.test,
                request: r.request.to_json(),
                steps: r.request.steps,
            })
            .collect();
        to_js(&runs)
    }

    /// Feeds what the Worker observed for each run of `runs()`, in order.
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Observed[]")] observed: JsValue,
    ) -> Result<(), JsValue> {
        let observed: Vec<Observed> = from_js(observed, "observed")?;
        self.inner
            .feed(&observed)
            .map_err(|e| error("judging_feed", &e.to_string()))
    }

    /// Whether every verdict is known.
    #[wasm_bindgen(js_name = isDone)]
    pub fn is_done(&self) -> bool {
        self.inner.is_done()
    }

    /// The verdicts, one per judged test, once done (`null` before).
    #[wasm_bindgen(unchecked_return_type = "TestVerdict[] | null")]
    pub fn verdicts(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.verdicts())
    }
}
