import { afterEach, describe, expect, it } from "vitest";
import NoticeRegion from "./NoticeRegion.vue";
import { createTestClient, mountWithApp } from "@/test-utils";
import { notices, notify } from "@/composables/useNotices";

afterEach(() => {
  notices.splice(0);
  document.body.innerHTML = "";
});

describe("NoticeRegion", () => {
  it("moves to the top of a phone's screen while the person types, and back after", async () => {
    const field = document.createElement("input");
    const button = document.createElement("button");
    document.body.append(field, button);
    const { client } = createTestClient(() => ({ data: {} }));
    const { wrapper } = await mountWithApp(NoticeRegion, { client });
    notify("Added to page 3.");
    const region = () => wrapper.get('[data-testid="notices"]').classes();
    expect(region()).not.toContain("max-sm:top-0");

    field.focus();
    await wrapper.vm.$nextTick();
    expect(region()).toEqual(expect.arrayContaining(["max-sm:top-0", "max-sm:bottom-auto"]));
    expect(wrapper.text()).toContain("Added to page 3.");

    button.focus();
    await wrapper.vm.$nextTick();
    expect(region()).not.toContain("max-sm:top-0");
  });
});
