import { describe, expect, it } from "vitest";
import { pageNavEntries } from "./pageNavEntries";

describe("pageNavEntries", () => {
  it("shows every page of a short list", () => {
    expect(pageNavEntries(5, 3, 3)).toEqual([1, 2, 3, 4, 5]);
  });

  it("shows the first, the last and the pages around the viewed one of a long list", () => {
    expect(pageNavEntries(4000, 2000, 2000)).toEqual([1, null, 1998, 1999, 2000, 2001, 2002, null, 4000]);
  });

  it("keeps the working page when another one is viewed", () => {
    expect(pageNavEntries(4000, 1, 3999)).toEqual([1, 2, 3, null, 3999, 4000]);
  });

  it("shows a lone hidden page instead of a gap", () => {
    expect(pageNavEntries(7, 4, 4)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageNavEntries(9, 5, 5)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pageNavEntries(11, 6, 6)).toEqual([1, null, 4, 5, 6, 7, 8, null, 11]);
  });

  it("weighs nothing for a list of thousands of pages", () => {
    expect(pageNavEntries(100000, 50000, 1).length).toBeLessThan(12);
  });
});
