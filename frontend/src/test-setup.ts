import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach } from "vitest";
import { clearNotices } from "@/composables/useNotices";
import { forgetFallbackLocks } from "@/composables/outbox";
import { accountState } from "@/composables/accountState";
import { unmountAll } from "@/test-utils";

// Components the app loads on first use (dialogs, the signed-out form): loaded once here, so
// that a test sees them as soon as they are asked for, as the browser does once prefetched.
await Promise.all([
  import("@/components/ConfirmDialog.vue"),
  import("@/components/EditConflictDialog.vue"),
  import("@/views/SignInView.vue"),
]);

beforeEach(() => {
  // A fresh IndexedDB per test: no outbox is carried from one test to the next.
  globalThis.indexedDB = new IDBFactory();
  forgetFallbackLocks();
  accountState.signedOut = false;
});

afterEach(() => {
  unmountAll();
  clearNotices();
  document.cookie.split(";").forEach((c) => {
    const name = c.split("=")[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});
