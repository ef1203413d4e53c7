import { beforeEach, describe, expect, it, vi } from "vitest";
import SearchBox from "./SearchBox.vue";
import { createTestClient, flushPromises, makeItem, makeUser, mountWithApp } from "@/test-utils";

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("SearchBox", () => {
  it("lists matches with their page and shows the chosen one's page highlighted", async () => {
    vi.useFakeTimers();
    const found = [makeItem({ id: "7", text: "Позвонить маме", page: 3 }), makeItem({ id: "2", text: "маме цветы", page: 1 })];
    const { client, operations } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user: makeUser({ page: 1, pages: 3 }) } };
      if (op.operationName === "SearchItems") return { data: { searchItems: found } };
      throw new Error(`unexpected ${op.operationName}`);
    });
    const { wrapper, router } = await mountWithApp(SearchBox, { client });
    const input = wrapper.get("input[type=search]");
    await input.setValue("МАМЕ");
    await input.trigger("focus");
    vi.advanceTimersByTime(250);
    vi.useRealTimers();
    await flushPromises();
    expect(operations.find((o) => o.operationName === "SearchItems")?.variables).toEqual({ query: "МАМЕ" });
    const links = wrapper.findAll("#search-results a");
    expect(links.map((l) => l.attributes("aria-label"))).toEqual(["Позвонить маме (page 3)", "маме цветы (page 1)"]);

    await links[0].trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ page: "3", highlight: "7" });
    expect(wrapper.find("#search-results").exists()).toBe(false);
  });

  it("says when nothing matches", async () => {
    vi.useFakeTimers();
    const { client } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user: makeUser() } };
      return { data: { searchItems: [] } };
    });
    const { wrapper } = await mountWithApp(SearchBox, { client, locale: "ru" });
    const input = wrapper.get("input[type=search]");
    await input.setValue("ёжик");
    await input.trigger("focus");
    vi.advanceTimersByTime(250);
    vi.useRealTimers();
    await flushPromises();
    expect(wrapper.get("#search-results").text()).toBe("Ни одна задача не содержит «ёжик».");
  });

  /** Types a query into a box whose server finds `found`, past the search's pause. */
  async function searchFor(query: string, found: ReturnType<typeof makeItem>[]) {
    vi.useFakeTimers();
    const { client } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user: makeUser() } };
      return { data: { searchItems: found } };
    });
    const { wrapper } = await mountWithApp(SearchBox, { client });
    const input = wrapper.get("input[type=search]");
    await input.setValue(query);
    await input.trigger("focus");
    vi.advanceTimersByTime(250);
    vi.useRealTimers();
    await flushPromises();
    return wrapper;
  }

  it("says when only the first matches are shown", async () => {
    const many = Array.from({ length: 50 }, (_, n) => makeItem({ id: String(n + 1), text: `Call ${n}` }));
    const wrapper = await searchFor("call", many);
    expect(wrapper.findAll("#search-results a")).toHaveLength(50);
    expect(wrapper.get("#search-results").text()).toContain("Showing the first 50 matches. Type more to narrow them down.");
  });

  it("says nothing more when every match fits", async () => {
    const wrapper = await searchFor("call", [makeItem({ text: "Call mum" })]);
    expect(wrapper.get("#search-results").text()).not.toContain("Showing the first");
  });
});
