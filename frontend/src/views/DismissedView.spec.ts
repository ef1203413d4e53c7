import { describe, expect, it } from "vitest";
import DismissedView from "./DismissedView.vue";
import { createTestClient, flushPromises, graphqlError, makeItem, makeUser, mountWithApp } from "@/test-utils";
import { notices } from "@/composables/useNotices";
import { DismissedCountDocument } from "@/graphql/generated";

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

describe("the count of tasks waiting for review", () => {
  it("drops by one as a task is re-entered or deleted from the review, without asking again", async () => {
    const user = makeUser({ page: 2, pages: 2 });
    const a = makeItem({ id: "1", text: "Old idea", state: "DISMISSED" });
    const b = makeItem({ id: "2", text: "Another", state: "DISMISSED" });
    let countAsked = 0;
    const { client } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user } };
      if (op.operationName === "DismissedItems") return { data: { dismissedItems: [a, b] } };
      if (op.operationName === "DismissedCount") {
        countAsked += 1;
        return { data: { dismissedCount: 130 } };
      }
      if (op.operationName === "Items") return { data: { items: [] } };
      if (op.operationName === "RestoreItem") {
        const copy = makeItem({ id: "9", text: "Old idea", page: 2, repeats: 1 });
        return { data: { restoreItem: { item: copy, user } } };
      }
      if (op.operationName === "DeleteItem") return { data: { deleteItem: { ok: true, user } } };
      throw new Error(op.operationName);
    });
    const count = client.watchQuery({ query: DismissedCountDocument });
    const seen: number[] = [];
    const subscription = count.subscribe((r) => r.data && seen.push(r.data.dismissedCount));
    const { wrapper } = await mountWithApp(DismissedView, { client, path: "/dismissed" });
    await flushPromises();
    expect(seen[seen.length - 1]).toBe(130);

    await wrapper.findAll("li")[0].findAll("button")[0].trigger("click"); // Re-enter
    await flushPromises();
    expect(seen[seen.length - 1]).toBe(129);
    await wrapper.findAll("li")[0].findAll("button")[1].trigger("click"); // Delete
    await flushPromises();
    expect(seen[seen.length - 1]).toBe(128);
    expect(countAsked).toBe(1);
    subscription.unsubscribe();
  });
});
