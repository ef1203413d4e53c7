import { computed, reactive } from "vue";

/** Whether the browser can reach the server; shown as the offline banner. */
export const connection = reactive({
  browserOnline: typeof navigator === "undefined" ? true : navigator.onLine,
  retrying: false,
  /** The server answered 503 (its database is out of reach): requests wait and retry. */
  busy: false,
});

export function markRetrying(): void {
  connection.retrying = true;
}

export function markBusy(): void {
  connection.busy = true;
}

export function markOnline(): void {
  connection.retrying = false;
  connection.busy = false;
  connection.browserOnline = true;
}

let installed = false;
export function installConnectionListeners(): void {
  if (installed || typeof window === "undefined") return;
  installed = true;
  window.addEventListener("online", () => (connection.browserOnline = true));
  window.addEventListener("offline", () => (connection.browserOnline = false));
}

export function useConnection() {
  const offline = computed(() => !connection.browserOnline || connection.retrying);
  const busy = computed(() => connection.browserOnline && connection.busy);
  return { offline, busy };
}
