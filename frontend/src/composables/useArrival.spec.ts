import { beforeEach, describe, expect, it } from "vitest";
import {
  actedBefore,
  markActed,
  needsDismissalConfirmation,
  restoreActed,
  syncArrival,
} from "./useArrival";

const user = { email: "ann@example.com", page: 2, pages: 4 };

describe("arrival flag", () => {
  beforeEach(() => {
    syncArrival("someone@else.example", 99);
    syncArrival(user.email, user.page);
  });

  it("asks before dismissing on a first pass of a page that is not the last", () => {
    expect(needsDismissalConfirmation(user, 3)).toBe(true);
    expect(needsDismissalConfirmation({ ...user, page: 4 }, 3)).toBe(false);
    expect(needsDismissalConfirmation(user, 0)).toBe(false);
  });

  it("stops asking once something on the working page was done, and asks again when that was refused", () => {
    const before = actedBefore();
    markActed(user.page, user.page);
    expect(needsDismissalConfirmation(user, 3)).toBe(false);
    restoreActed(before);
    expect(needsDismissalConfirmation(user, 3)).toBe(true);
  });

  it("ignores actions on other pages and resets on arrival elsewhere", () => {
    markActed(3, user.page);
    expect(needsDismissalConfirmation(user, 3)).toBe(true);
    markActed(user.page, user.page);
    syncArrival(user.email, 3);
    expect(needsDismissalConfirmation({ ...user, page: 3 }, 2)).toBe(true);
  });
});
