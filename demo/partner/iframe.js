// A host page that frames the test: it names its own origin in the iframe's address and accepts
// messages only from the Assay origin. ?assay=<origin> points at the Assay server (default: this one).

const assay = new URL(new URLSearchParams(location.search).get("assay") ?? location.origin).origin;
const frame = document.querySelector("#assessment");
const list = document.querySelector("#messages");
const src = new URL("/embed.html", assay);
src.searchParams.set("package", "data-ai-practice");
src.searchParams.set("parent", location.origin);
frame.src = src.href;

addEventListener("message", (event) => {
  if (event.origin !== assay || event.source !== frame.contentWindow) return;
  const { type, detail } = event.data ?? {};
  if (type === "assay:resize") {
    frame.style.height = `${Math.max(480, detail.height + 8)}px`;
    return;
  }
  const entry = document.createElement("li");
  entry.dataset.type = type;
  entry.textContent = `${type} ${JSON.stringify(detail)}`;
  list.append(entry);
});
