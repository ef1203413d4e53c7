import { reactive } from "vue";

/**
 * Whether the user completed or re-entered anything on the working page since arriving
 * there, as far as this browser session knows. The server keeps the real flag; this copy
 * only decides whether "Nothing stands out" asks for confirmation first, so when unsure it
 * says "not acted" and the dialog shows.
 */
export const arrival = reactive({ email: "", page: 0, acted: false });

const KEY = "autofocus.arrival";

function save(): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(arrival));
  } catch {
    /* storage may be unavailable */
  }
}

function load(): void {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return;
    const data = JSON.parse(raw) as Partial<typeof arrival>;
    if (typeof data.email === "string" && typeof data.page === "number") {
      arrival.email = data.email;
      arrival.page = data.page;
      arrival.acted = data.acted === true;
    }
  } catch {
    /* ignore a broken entry */
  }
}
load();

/** Call whenever the user is (re)read: arriving on another working page resets the flag. */
export function syncArrival(email: string, page: number): void {
  if (arrival.email !== email || arrival.page !== page) {
    arrival.email = email;
    arrival.page = page;
    arrival.acted = false;
    save();
  }
}

export function markActed(itemPage: number, workingPage: number): void {
  if (itemPage === workingPage && arrival.page === workingPage) {
    arrival.acted = true;
    save();
  }
}

export function actedBefore(): boolean {
  return arrival.acted;
}

/** Puts the flag back when the action that set it was refused. */
export function restoreActed(value: boolean): void {
  arrival.acted = value;
  save();
}

/** A new pass over the page starts (after "Nothing stands out", undo, settings). */
export function resetActed(): void {
  arrival.acted = false;
  save();
}

export function needsDismissalConfirmation(
  user: { email: string; page: number; pages: number },
  openCount: number,
): boolean {
  if (openCount <= 0 || user.page >= user.pages) return false;
  const acted = arrival.email === user.email && arrival.page === user.page && arrival.acted;
  return !acted;
}

/** Sign-out: nothing of the list stays in this tab's storage. */
export function forgetArrival(): void {
  arrival.email = "";
  arrival.page = 0;
  arrival.acted = false;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* storage may be unavailable */
  }
}
