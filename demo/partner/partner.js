// The partner page listens to the element's events, as a careers site would to move the
// applicant on once the result is in.

const log = document.querySelector("#log");
const element = document.querySelector("assay-assessment");
element.addEventListener("assay:submitted", (event) => {
  log.textContent = `Thank you. Your assessment was received (reference ${event.detail.jti.slice(0, 12)}). We will be in touch.`;
});
element.addEventListener("assay:error", (event) => {
  log.textContent = `The assessment reported a problem: ${event.detail.message}`;
});
