import { describe, expect, it } from "vitest";
import { groupIntoPages, type ExportedItem } from "./printPages";

const item = (position: number): ExportedItem => ({ position, text: `Task ${position}`, state: "ACTIVE", repeats: 0 });

describe("groupIntoPages", () => {
  it("cuts the list into its pages by position and leaves empty pages out", () => {
    const pages = groupIntoPages([1, 2, 5, 6, 16].map(item), 5);
    expect(pages.map((p) => [p.number, p.items.map((i) => i.position)])).toEqual([
      [1, [1, 2, 5]],
      [2, [6]],
      [4, [16]],
    ]);
  });
});
