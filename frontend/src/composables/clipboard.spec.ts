import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "./clipboard";

function field(value: string): HTMLInputElement {
  const input = document.createElement("input");
  input.value = value;
  document.body.append(input);
  return input;
}

describe("copyText", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = "";
  });

  it("uses the Clipboard API in a secure context", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    vi.stubGlobal("isSecureContext", true);
    expect(await copyText("af_secret")).toBe(true);
    expect(writeText).toHaveBeenCalledWith("af_secret");
  });

  it("falls back to selecting the field and the copy command when the API refuses", async () => {
    vi.stubGlobal("navigator", { clipboard: { writeText: vi.fn().mockRejectedValue(new Error("denied")) } });
    vi.stubGlobal("isSecureContext", true);
    const execCommand = vi.fn().mockReturnValue(true);
    document.execCommand = execCommand;
    const input = field("af_secret");
    expect(await copyText("af_secret", input)).toBe(true);
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, "af_secret".length]);
  });

  it("falls back without the API (plain http) and reports failure when nothing works", async () => {
    vi.stubGlobal("navigator", {});
    vi.stubGlobal("isSecureContext", false);
    document.execCommand = vi.fn().mockReturnValue(false);
    expect(await copyText("af_secret", field("af_secret"))).toBe(false);
    expect(await copyText("af_secret")).toBe(false);
  });
});
