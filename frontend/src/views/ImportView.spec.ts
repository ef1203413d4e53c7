import { beforeEach, describe, expect, it } from "vitest";
import ImportView from "./ImportView.vue";
import { createTestClient, flushPromises, graphqlError, makeUser, mountWithApp } from "@/test-utils";
import { notices } from "@/composables/useNotices";
import { formatFromFileName } from "@/composables/useImport";

const preview = {
  __typename: "ImportPreview",
  format: "MARKDOWN",
  count: 12,
  items: [
    { __typename: "ImportPreviewItem", text: "Позвонить маме", state: "ACTIVE", repeats: 0 },
    { __typename: "ImportPreviewItem", text: "Paid rent", state: "DONE", repeats: 0 },
  ],
};

beforeEach(() => {
  document.body.innerHTML = "";
  notices.splice(0);
});

describe("ImportView", () => {
  it("previews the count and the first tasks, then imports with an action id", async () => {
    const { client, operations } = createTestClient((op) => {
      if (op.operationName === "ImportPreview") return { data: { importPreview: preview } };
      if (op.operationName === "ImportItems") {
        return { data: { importItems: { __typename: "ImportItemsPayload", imported: 12, user: makeUser({ pages: 2 }) } } };
      }
      throw new Error(`unexpected ${op.operationName}`);
    });
    const { wrapper, router } = await mountWithApp(ImportView, { client, path: "/settings/import" });
    await wrapper.get("textarea#import-data").setValue("- [ ] Позвонить маме\n- [x] Paid rent");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(operations[0].variables).toEqual({ data: "- [ ] Позвонить маме\n- [x] Paid rent", format: null });
    const shown = wrapper.get("[data-testid=import-preview]");
    expect(shown.text()).toContain("12 tasks will be added at the end of your list.");
    expect(shown.text()).toContain("(Markdown)");
    expect(shown.find("s").text()).toBe("Paid rent");
    expect(shown.text()).toContain("…and 10 more.");

    await shown.get("button").trigger("click");
    await flushPromises();
    const run = operations.find((o) => o.operationName === "ImportItems")!;
    expect(run.variables.format).toBe("MARKDOWN");
    expect(run.variables.actionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(notices.map((n) => n.text)).toContain("12 tasks imported. Undo takes them all back.");
    expect(router.currentRoute.value.path).toBe("/");
  });

  it("names the bad line and imports nothing when refused", async () => {
    const { client, operations } = createTestClient(() => ({
      errors: [
        {
          message: "Line 3: the task is longer than 1,000 characters.",
          extensions: { code: "BAD_USER_INPUT", field: "data", line: 3 },
        },
      ],
    }) as never);
    const { wrapper } = await mountWithApp(ImportView, { client, path: "/settings/import", locale: "ru" });
    await wrapper.get("textarea#import-data").setValue("a\nb\nccc");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Ничего не импортировано. Строка 3:");
    expect(wrapper.find("[data-testid=import-preview]").exists()).toBe(false);
    expect(operations.map((o) => o.operationName)).toEqual(["ImportPreview"]);
  });

  it("says so when there is nothing to preview, without asking the server", async () => {
    const { client, operations } = createTestClient(() => graphqlError("BAD_USER_INPUT"));
    const { wrapper } = await mountWithApp(ImportView, { client, path: "/settings/import" });
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("[role=alert]").text()).toContain("Paste some tasks or choose a file first.");
    expect(operations).toHaveLength(0);
  });

  it("takes the format from a file's name", () => {
    expect(formatFromFileName("autofocus-2026-03-01.JSON")).toBe("JSON");
    expect(formatFromFileName("list.csv")).toBe("CSV");
    expect(formatFromFileName("notes.md")).toBe("MARKDOWN");
    expect(formatFromFileName("todo.txt")).toBe("TEXT");
    expect(formatFromFileName("todo")).toBeNull();
  });
});
