/* Autofocus service worker: keeps the app shell and its bundles for offline use. */
const VERSION = "__VERSION__";
const CACHE = "autofocus-" + VERSION;
const SHELL = "/";
const SHELL_PATHS = ["/", "/dismissed", "/settings", "/settings/import", "/help", "/print"];
const ASSETS = __ASSETS__;

// A signed-in person's page carries their first screen's data (<script id="boot-data">): the
// kept shell is the page without it, so no list outlives the session in this cache. Offline,
// the app shows the list it kept itself (offlineSnapshot.ts), or nothing once signed out.
const BOOT_DATA = /<script id="boot-data"[^>]*>[\s\S]*?<\/script>/;

function keepShell(cache, response) {
  return response.text().then((html) => {
    // What is kept is the page decoded and without its data: the length and encoding the
    // server sent (gzip) no longer describe it.
    const headers = new Headers(response.headers);
    headers.delete("Content-Length");
    headers.delete("Content-Encoding");
    return cache.put(SHELL, new Response(html.replace(BOOT_DATA, ""), { status: response.status, headers }));
  });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.all([
          cache.addAll(ASSETS),
          fetch(new Request(SHELL, { credentials: "same-origin" }))
            .then((response) => (response.ok ? keepShell(cache, response) : undefined))
            .catch(() => undefined),
        ]),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("autofocus-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate" && SHELL_PATHS.includes(url.pathname.replace(/\/$/, "") || "/")) {
    // Network first, so the shell stays current; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => keepShell(cache, copy));
          }
          return response;
        })
        .catch(() => caches.match(SHELL).then((cached) => cached || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    // Hashed bundles never change: cache first.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok && url.pathname.startsWith("/static/")) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
