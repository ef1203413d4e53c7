import { reactive } from "vue";
import type { Router } from "vue-router";
import type { Outbox } from "./outbox";

/**
 * The app across deploys and tab closing:
 * - a route chunk that no longer exists (a deploy since the tab opened) reloads the app
 *   once; a second failure soon after, or a new service worker taking over, offers
 *   "A new version is ready — Reload" instead. The outbox is in IndexedDB already.
 * - closing the tab with changes not saved yet asks the browser's "Leave site?" question.
 */
export const appVersion = reactive({ updateReady: false });

const RELOADED_KEY = "autofocus.reloadedAt";
let leaving = false;

export function reloadApp(path?: string): void {
  leaving = true;
  if (path) window.location.assign(path);
  else window.location.reload();
}

export function isChunkLoadError(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  return !!e && (e.name === "ChunkLoadError" || /Loading (CSS )?chunk .* failed/i.test(e.message ?? ""));
}

/** Reloads at most once per half minute; offers the reload button otherwise. */
export function reloadOnce(path: string, now: number = Date.now(), reload: (path: string) => void = reloadApp): boolean {
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(RELOADED_KEY) ?? 0);
    sessionStorage.setItem(RELOADED_KEY, String(now));
  } catch {
    /* without storage, offer the button */
    last = now;
  }
  if (now - last < 30_000) {
    appVersion.updateReady = true;
    return false;
  }
  reload(path);
  return true;
}

export function installUpdateWatch(router: Router): void {
  router.onError((error, to) => {
    if (isChunkLoadError(error)) reloadOnce(to.fullPath);
  });
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  // The first worker taking over a page it did not control yet is the install, not an update.
  let controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // A new version took over this page: its old bundles may be gone.
    if (controlled) appVersion.updateReady = true;
    controlled = true;
  });
}

export function installUnloadGuard(outbox: Outbox): void {
  window.addEventListener("beforeunload", (event) => {
    if (leaving || outbox.entries.value.length === 0) return;
    event.preventDefault();
    event.returnValue = "";
  });
}
