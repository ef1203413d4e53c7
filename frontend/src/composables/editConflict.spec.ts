import { describe, expect, it } from "vitest";
import { conflictOf } from "./editConflict";

describe("conflictOf", () => {
  it("reads the saved text and version from a CONFLICT refusal of an edit", () => {
    const error = {
      graphQLErrors: [{ extensions: { code: "CONFLICT", currentText: "From the phone", currentVersion: 3 } }],
    };
    expect(conflictOf(error)).toEqual({ currentText: "From the phone", currentVersion: 3 });
  });

  it("is null for other refusals, CONFLICTs without the saved text included", () => {
    expect(conflictOf({ graphQLErrors: [{ extensions: { code: "CONFLICT" } }] })).toBeNull();
    expect(conflictOf({ graphQLErrors: [{ extensions: { code: "NOT_FOUND" } }] })).toBeNull();
    expect(conflictOf(new Error("network"))).toBeNull();
    expect(conflictOf(null)).toBeNull();
  });
});
