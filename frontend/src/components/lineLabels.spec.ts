import { describe, expect, it, vi } from "vitest";
import { lineLabels } from "./lineLabels";

describe("the words of the list's lines", () => {
  it("are translated once per language, however many lines show them", () => {
    const t = vi.fn((key: string) => `«${key}»`);
    const first = lineLabels(t, "en");
    for (let line = 0; line < 24; line++) expect(lineLabels(t, "en")).toBe(first);
    expect(first.done).toBe("«list.done»");
    expect(t).toHaveBeenCalledTimes(9);
    // Another language is translated anew.
    expect(lineLabels(t, "ru")).not.toBe(first);
    expect(t).toHaveBeenCalledTimes(18);
  });
});
