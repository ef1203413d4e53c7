/**
 * Copies text to the clipboard: the Clipboard API where the page may use it (a secure
 * context), else the older selection-and-copy command on a field that shows the text.
 * Returns whether the text was copied.
 */
export async function copyText(text: string, field?: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, document not focused): try the fallback.
    }
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    return false;
  }
}
