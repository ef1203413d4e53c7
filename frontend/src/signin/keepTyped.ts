/**
 * Runs `mount`, which replaces the sign-in screen the page brought (templates/signin_screen.html)
 * with the app's own, and hands the new address field what was typed into the old one, and the
 * focus if it had it: a visitor may start typing before the JavaScript arrives.
 */
export function keepTyped(root: Document, mount: () => void): void {
  const before = root.getElementById("email") as HTMLInputElement | null;
  const typed = before?.value ?? "";
  const focused = !!before && root.activeElement === before;
  mount();
  const after = root.getElementById("email") as HTMLInputElement | null;
  if (!after) return;
  if (typed) {
    after.value = typed;
    // v-model listens for `input`: the app's state gets the address too.
    after.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (focused || typed) after.focus();
}
