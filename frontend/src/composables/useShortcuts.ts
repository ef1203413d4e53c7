import { onBeforeUnmount, onMounted } from "vue";

export type ShortcutHandler = (event: KeyboardEvent) => void;
export type ShortcutMap = Record<string, ShortcutHandler>;

interface Layer {
  map: ShortcutMap;
  modal: boolean;
}

const layers: Layer[] = [];

const TEXT_INPUT_TYPES = new Set([
  "text", "search", "email", "url", "tel", "password", "number", "date", "time", "datetime-local", "month", "week",
]);

/** True when keys typed at `target` are meant as text, not as shortcuts. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return false;
}

function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest("button, a[href], summary, [role=button], input");
}

/** Normalized key name: "mod+z" for Ctrl/Cmd+Z, "space", "arrowdown", "?" … */
export function keyName(event: KeyboardEvent): string | null {
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && !event.altKey) {
    if (key.toLowerCase() === "z" && !event.shiftKey) return "mod+z";
    return null;
  }
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (key === " " || key === "Spacebar") return "space";
  if (key.length === 1) return key; // "?", ".", letters as typed
  return key.toLowerCase();
}

export function handleKeydown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const name = keyName(event);
  if (!name) return;
  if (name !== "escape" && isTextField(event.target)) return;
  // Space and Enter keep their meaning on buttons and links.
  if ((name === "space" || name === "enter") && isActivatable(event.target)) return;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const handler = layer.map[name];
    if (handler) {
      event.preventDefault();
      handler(event);
      return;
    }
    if (layer.modal) return;
  }
}

let installed = false;
export function installShortcuts(target: Window = window): () => void {
  if (installed) return () => undefined;
  installed = true;
  target.addEventListener("keydown", handleKeydown);
  return () => {
    target.removeEventListener("keydown", handleKeydown);
    installed = false;
  };
}

/** Adds a layer of shortcuts while the calling component is mounted; a modal layer hides the ones below. */
export function useShortcuts(map: ShortcutMap, options: { modal?: boolean } = {}): void {
  const layer: Layer = { map, modal: options.modal ?? false };
  onMounted(() => layers.push(layer));
  onBeforeUnmount(() => {
    const index = layers.indexOf(layer);
    if (index >= 0) layers.splice(index, 1);
  });
}
