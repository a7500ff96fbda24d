// The demo's service worker: lets an applicant reload or reopen a test during an outage. Pages
// and their files are fetched from the network first (so they are never stale while online) and
// kept in a cache that answers when the network cannot. The API (/v1/...) is never cached: the
// shim keeps the applicant's work on the device and its outbox delivers it once back online.

const CACHE = "assay-shell-v2";
/**
 * What a test page needs, cached at install so even the first visit can be reopened offline:
 * these, and the current build's bundles and engine under their hashed names (dist/files.json).
 */
const SHELL = ["take.html", "embed.html", "css/assay.css", "dist/assay-element.js", "take.js", "embed.js", "favicon.svg"];

async function install() {
  const cache = await caches.open(CACHE);
  const built = await (await fetch("dist/files.json", { cache: "no-cache" })).json();
  await cache.addAll([...SHELL, ...built]);
  // Files of earlier builds are never asked for again.
  for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
  await self.skipWaiting();
}

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/v1/")) return;
  event.respondWith(networkFirst(event.request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Offline: the copy from the last visit, matched without the query (take.html?package=...).
    // Vary is ignored: static files vary on Origin (the CORS layer), which a module script's
    // request carries and the install-time copy's request did not, and any copy beats none.
    const cached = (await cache.match(request, { ignoreVary: true })) ?? (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
    if (cached) return cached;
    throw error;
  }
}
