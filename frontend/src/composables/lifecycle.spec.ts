import { describe, expect, it, vi } from "vitest";
import { appVersion, isChunkLoadError, reloadOnce } from "./lifecycle";

describe("after a deploy", () => {
  it("recognises a route chunk that no longer exists", () => {
    const error = Object.assign(new Error("Loading chunk settings failed.\n(missing: /static/settings.1.js)"), {
      name: "ChunkLoadError",
    });
    expect(isChunkLoadError(error)).toBe(true);
    expect(isChunkLoadError(new Error("Loading CSS chunk 7 failed."))).toBe(true);
    expect(isChunkLoadError(new TypeError("x is undefined"))).toBe(false);
  });

  it("reloads once, then offers the reload instead of looping", () => {
    sessionStorage.clear();
    appVersion.updateReady = false;
    const reload = vi.fn();
    expect(reloadOnce("/settings", 1_000_000, reload)).toBe(true);
    expect(reload).toHaveBeenCalledWith("/settings");
    // The reloaded app fails again at once: no second reload, the button instead.
    expect(reloadOnce("/settings", 1_005_000, reload)).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(appVersion.updateReady).toBe(true);
    // Much later (another deploy), it reloads again.
    expect(reloadOnce("/help", 1_100_000, reload)).toBe(true);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});

describe("closing the tab", () => {
  it("asks the browser's question only while changes wait to be saved", async () => {
    const { installUnloadGuard } = await import("./lifecycle");
    const { Outbox } = await import("./outbox");
    const outbox = new Outbox({ send: () => new Promise(() => undefined) });
    installUnloadGuard(outbox);
    const close = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(close()).toBe(false);
    outbox.entries.value = [
      { id: "a-12345678", account: "ann@example.com", name: "createItem", variables: {}, tab: "t", at: 0 },
    ];
    expect(close()).toBe(true);
  });
});
