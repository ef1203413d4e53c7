/** Registers the offline service worker (production builds), or removes a stale one (development). */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  if (__SW_ENABLED__) {
    // After the page has loaded (now, when it already has): it downloads the whole app.
    const register = () => void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  } else {
    // Development: drop a worker left by a production build, it would serve old bundles.
    void navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => void r.unregister()));
  }
}
