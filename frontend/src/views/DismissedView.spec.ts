import { describe, expect, it } from "vitest";
import DismissedView from "./DismissedView.vue";
import { createTestClient, flushPromises, graphqlError, makeItem, makeUser, mountWithApp } from "@/test-utils";
import { notices } from "@/composables/useNotices";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("DismissedView", () => {
  it("offers Re-enter and Delete for each dismissed task; removes at once and rolls back when refused", async () => {
    const user = makeUser({ page: 2, pages: 2 });
    const a = makeItem({ text: "Old idea", state: "DISMISSED" });
    const b = makeItem({ text: "Another", state: "DISMISSED" });
    const answer = deferred<unknown>();
    const { client } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user } };
      if (op.operationName === "DismissedItems") return { data: { dismissedItems: [a, b] } };
      if (op.operationName === "DeleteItem") return answer.promise as never;
      throw new Error(op.operationName);
    });
    const { wrapper } = await mountWithApp(DismissedView, { client, path: "/dismissed" });
    expect(wrapper.get("h1").text()).toBe("Dismissed tasks");
    const lines = wrapper.findAll("li");
    expect(lines.map((li) => li.findAll("button").map((x) => x.text()))).toEqual([
      ["Re-enter", "Delete"],
      ["Re-enter", "Delete"],
    ]);

    await lines[0].findAll("button")[1].trigger("click");
    await flushPromises();
    expect(wrapper.findAll("li").map((li) => li.text())).toEqual([expect.stringContaining("Another")]);

    answer.resolve(graphqlError("INTERNAL_SERVER_ERROR"));
    await flushPromises();
    expect(wrapper.findAll("li")).toHaveLength(2);
    expect(notices.map((n) => n.text).join(" ")).toContain("“Old idea” was not changed. Something went wrong on our side.");
  });
});
