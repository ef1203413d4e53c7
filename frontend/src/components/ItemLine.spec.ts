import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import ItemLine from "./ItemLine.vue";
import { createAppI18n } from "@/i18n";
import { makeItem } from "@/test-utils";
import type { Item } from "@/composables/useFocus";

function render(item: Item, props: Record<string, unknown> = {}, locale: "en" | "ru" = "en") {
  return mount(ItemLine, {
    props: { item, ...props },
    attachTo: document.body,
    global: { plugins: [createAppI18n(locale)] },
  });
}

const buttonNames = (w: ReturnType<typeof render>) => w.findAll("button").map((b) => b.text());

describe("ItemLine", () => {
  it("shows an open task with Done, Re-enter and Edit", () => {
    const w = render(makeItem({ text: "Buy milk" }));
    expect(w.element.tagName).toBe("LI");
    expect(w.text()).toContain("Buy milk");
    expect(w.find("s").exists()).toBe(false);
    expect(buttonNames(w)).toEqual(["Done", "Re-enter", "Edit"]);
  });

  it("names its buttons in the page's language", () => {
    expect(buttonNames(render(makeItem(), {}, "en"))).toEqual(["Done", "Re-enter", "Edit"]);
    expect(buttonNames(render(makeItem(), {}, "ru"))).not.toContain("Done");
    expect(buttonNames(render(makeItem(), {}, "en"))).toEqual(["Done", "Re-enter", "Edit"]);
  });

  it.each(["DONE", "REENTERED"] as const)("crosses a %s task out in place, without actions", (state) => {
    const w = render(makeItem({ text: "Call Bob", state }));
    expect(w.find("s").text()).toBe("Call Bob");
    expect(w.findAll("button")).toHaveLength(0);
  });

  it("highlights a dismissed task and names its state", () => {
    const w = render(makeItem({ text: "Old idea", state: "DISMISSED" }));
    expect(w.classes()).toContain("bg-amber-50");
    expect(w.text()).toContain("dismissed");
    expect(w.find("s").exists()).toBe(false);
    expect(w.findAll("button")).toHaveLength(0);
  });

  it("counts re-entries", () => {
    expect(render(makeItem({ repeats: 1 })).text()).toContain("re-entered once");
    expect(render(makeItem({ repeats: 3 })).text()).toContain("re-entered 3 times");
    expect(render(makeItem({ repeats: 0 })).text()).not.toContain("re-entered");
    expect(render(makeItem({ repeats: 2 }), {}, "ru").text()).toContain("перенесена 2 раза");
    expect(render(makeItem({ repeats: 5 }), {}, "ru").text()).toContain("перенесена 5 раз");
  });

  it("emits the actions of its buttons", async () => {
    const w = render(makeItem());
    const [done, reenter, edit] = w.findAll("button");
    await done.trigger("click");
    await reenter.trigger("click");
    await edit.trigger("click");
    expect(Object.keys(w.emitted())).toEqual(expect.arrayContaining(["done", "reenter", "edit"]));
  });

  it("edits inline: Enter saves the trimmed text, Escape cancels", async () => {
    const w = render(makeItem({ text: "Draft" }), { editing: true });
    await new Promise((r) => setTimeout(r));
    const input = w.get('input[aria-label="Task text"]');
    expect((input.element as HTMLInputElement).value).toBe("Draft");
    expect(document.activeElement).toBe(input.element);
    await input.setValue("  Final text ");
    await w.get("form").trigger("submit");
    expect(w.emitted("save")).toEqual([["Final text"]]);
    await input.trigger("keydown", { key: "Escape" });
    expect(w.emitted("cancel")).toHaveLength(1);
    expect(buttonNames(w)).toEqual(["Save", "Cancel"]);
  });
});
