import { describe, expect, it, beforeEach, vi } from "vitest";
import type { Operation } from "@apollo/client/core";
import ListView from "./ListView.vue";
import { ItemsDocument, UserDocument } from "@/graphql/generated";
import { createTestClient, flushPromises, graphqlError, makeItem, makeUser, mountWithApp } from "@/test-utils";
import { arrival, resetActed } from "@/composables/useArrival";
import { notices } from "@/composables/useNotices";
import { createClientHolder } from "@/composables/apolloClients";
import { primeFromPage, readBootData } from "@/composables/bootPrefetch";

const said = (kind: "info" | "error") => notices.filter((n) => n.kind === kind).map((n) => n.text).join(" ");
import type { Item, User } from "@/composables/useFocus";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface Server {
  user: User;
  pages: Record<number, Item[]>;
  mutations: Record<string, (op: Operation) => unknown>;
}

function serve(server: Server) {
  return createTestClient((op) => {
    switch (op.operationName) {
      case "User":
        return { data: { user: server.user } };
      case "Items":
        return { data: { items: server.pages[op.variables.page ?? server.user.page] ?? [] } };
      case "DismissedItems":
        return { data: { dismissedItems: [] } };
      default: {
        const handler = server.mutations[op.operationName];
        if (!handler) throw new Error(`unexpected ${op.operationName}`);
        return handler(op) as never;
      }
    }
  });
}

const lineOf = (w: { findAll: (s: string) => { text: () => string }[] }, text: string) =>
  w.findAll("li").find((li) => li.text().includes(text));

beforeEach(() => {
  arrival.email = "";
  resetActed();
  document.body.innerHTML = "";
});

describe("ListView", () => {
  it("holds a full page's place while the page loads, then shows the tasks instead", async () => {
    const user = makeUser({ page: 1, pages: 1, pageSize: 5 });
    const answer = deferred<void>();
    const items = [makeItem({ text: "Write report" })];
    const { client } = createTestClient(async (op) => {
      if (op.operationName === "User") return { data: { user } };
      if (op.operationName === "DismissedItems") return { data: { dismissedItems: [] } };
      await answer.promise;
      return { data: { items } };
    });
    const { wrapper } = await mountWithApp(ListView, { client });
    await flushPromises();
    const placeholder = wrapper.get('[data-testid="list-placeholder"]');
    expect(placeholder.attributes("aria-hidden")).toBe("true");
    expect(placeholder.findAll(":scope > div")).toHaveLength(5);

    answer.resolve();
    await flushPromises();
    expect(wrapper.find('[data-testid="list-placeholder"]').exists()).toBe(false);
    expect(wrapper.get('ol[aria-label="Page 1"]').text()).toContain("Write report");
  });

  it("shows the working page as a list named after it, with the page navigation", async () => {
    const user = makeUser({ page: 2, pages: 3 });
    const items = [makeItem({ text: "Write report", page: 2 }), makeItem({ text: "Old", state: "DONE", page: 2 })];
    const { client } = serve({ user, pages: { 2: items }, mutations: {} });
    const { wrapper } = await mountWithApp(ListView, { client });
    await flushPromises();

    const list = wrapper.get('ol[aria-label="Page 2"]');
    expect(list.findAll("li").map((li) => li.text())).toEqual([
      expect.stringContaining("Write report"),
      expect.stringContaining("Old"),
    ]);
    const nav = wrapper.get('nav[aria-label="Pages"]');
    expect(nav.findAll("a").map((a) => a.text())).toEqual(["1", "2", "3"]);
    expect(nav.get('[aria-current="page"]').text()).toBe("2");
  });

  it("crosses a task out at once and rolls it back with a message when the server refuses", async () => {
    const user = makeUser();
    const task = makeItem({ text: "Buy milk" });
    const answer = deferred<unknown>();
    const { client } = serve({
      user,
      pages: { 1: [task] },
      mutations: { CompleteItem: () => answer.promise },
    });
    const { wrapper } = await mountWithApp(ListView, { client });

    await lineOf(wrapper as never, "Buy milk");
    await wrapper.get("li").findAll("button")[0].trigger("click");
    await flushPromises();
    // Optimistic: crossed out before the server answers.
    expect(wrapper.get("li s").text()).toBe("Buy milk");

    answer.resolve(graphqlError("CONFLICT"));
    await flushPromises();
    expect(wrapper.find("li s").exists()).toBe(false);
    expect(wrapper.get("li").findAll("button").map((b) => b.text())).toContain("Done");
    expect(said("error")).toContain("“Buy milk” was not changed.");
    expect(said("error")).toContain("The list has changed in the meantime");
  });

  it("keeps a completed task crossed out when the server agrees", async () => {
    const user = makeUser();
    const task = makeItem({ text: "Buy milk" });
    const { client, operations } = serve({
      user,
      pages: { 1: [task] },
      mutations: {
        CompleteItem: () => ({ data: { completeItem: { __typename: "ItemPayload", item: { ...task, state: "DONE" }, user } } }),
      },
    });
    const { wrapper } = await mountWithApp(ListView, { client });
    await wrapper.get("li").findAll("button")[0].trigger("click");
    await flushPromises();
    expect(wrapper.get("li s").text()).toBe("Buy milk");
    expect(operations.find((o) => o.operationName === "CompleteItem")?.variables).toEqual({ id: task.id, actionId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(said("error")).toBe("");
  });

  it("re-enters a task: crossed out in place and copied to the end at once", async () => {
    const user = makeUser();
    const a = makeItem({ text: "Alpha" });
    const b = makeItem({ text: "Beta" });
    const answer = deferred<unknown>();
    const { client } = serve({ user, pages: { 1: [a, b] }, mutations: { ReenterItem: () => answer.promise } });
    const { wrapper } = await mountWithApp(ListView, { client });

    const alpha = wrapper.findAll("li")[0];
    await alpha.findAll("button")[1].trigger("click");
    await flushPromises();
    const lines = wrapper.findAll("li");
    expect(lines).toHaveLength(3);
    expect(lines[0].find("s").text()).toBe("Alpha");
    expect(lines[2].text()).toContain("Alpha");
    expect(lines[2].text()).toContain("re-entered once");

    answer.resolve(graphqlError("NOT_FOUND"));
    await flushPromises();
    expect(wrapper.findAll("li")).toHaveLength(2);
    expect(wrapper.find("li s").exists()).toBe(false);
    expect(said("error")).toContain("That task no longer exists");
  });

  it("asks before dismissing an untouched page that is not the last one", async () => {
    const user = makeUser({ page: 1, pages: 2 });
    const items = [makeItem(), makeItem(), makeItem({ state: "DONE" })];
    let moved = 0;
    const { client } = serve({
      user,
      pages: { 1: items, 2: [] },
      mutations: {
        NextPage: () => {
          moved += 1;
          return { data: { nextPage: { __typename: "NextPagePayload", dismissed: 2, user: { ...user, page: 2 } } } };
        },
      },
    });
    const { wrapper } = await mountWithApp(ListView, { client });
    const nothing = wrapper.findAll("button").find((b) => b.text() === "Nothing stands out")!;
    await nothing.trigger("click");
    // The dialog is loaded on first use.
    const dialog = await vi.waitFor(() => wrapper.get("dialog"));
    expect(dialog.text()).toContain("2 open tasks on this page will be dismissed.");
    expect(moved).toBe(0);

    const cancel = dialog.findAll("button").find((b) => b.text() === "Cancel")!;
    await cancel.trigger("click");
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(moved).toBe(0);

    await nothing.trigger("click");
    const confirm = wrapper.get('dialog').findAll("button").find((b) => b.text() === "Dismiss and continue")!;
    await confirm.trigger("click");
    await flushPromises();
    expect(moved).toBe(1);
    expect(said("info")).toContain("Now on page 2. 2 tasks dismissed.");
  });

  it("moves on without asking after completing something on the page", async () => {
    const user = makeUser({ page: 1, pages: 2 });
    const task = makeItem();
    const { client, operations } = serve({
      user,
      pages: { 1: [task, makeItem()], 2: [] },
      mutations: {
        CompleteItem: () => ({ data: { completeItem: { __typename: "ItemPayload", item: { ...task, state: "DONE" }, user } } }),
        NextPage: () => ({ data: { nextPage: { __typename: "NextPagePayload", dismissed: 0, user: { ...user, page: 2 } } } }),
      },
    });
    const { wrapper } = await mountWithApp(ListView, { client });
    await wrapper.get("li").findAll("button")[0].trigger("click");
    await flushPromises();
    await wrapper.findAll("button").find((b) => b.text() === "Nothing stands out")!.trigger("click");
    await flushPromises();
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(operations.map((o) => o.operationName)).toContain("NextPage");
  });

  it("never asks on the last page", async () => {
    const user = makeUser({ page: 2, pages: 2 });
    const { client, operations } = serve({
      user,
      pages: { 2: [makeItem({ page: 2 })] },
      mutations: {
        NextPage: () => ({ data: { nextPage: { __typename: "NextPagePayload", dismissed: 0, user: { ...user, page: 1 } } } }),
      },
    });
    const { wrapper } = await mountWithApp(ListView, { client });
    await wrapper.findAll("button").find((b) => b.text() === "Nothing stands out")!.trigger("click");
    await flushPromises();
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(operations.map((o) => o.operationName)).toContain("NextPage");
  });

  it("adds tasks and keeps the field focused for the next one", async () => {
    const user = makeUser();
    const { client } = serve({
      user,
      pages: { 1: [] },
      mutations: {
        CreateItem: (op) => ({
          data: {
            createItem: {
              __typename: "ItemPayload",
              item: makeItem({ text: op.variables.text as string }),
              user,
            },
          },
        }),
      },
    });
    const { wrapper } = await mountWithApp(ListView, { client });
    const field = wrapper.get("input#new-task");
    expect(wrapper.get('label[for="new-task"]').text()).toBe("New task");
    (field.element as HTMLInputElement).focus();
    for (const text of ["One", "Two"]) {
      await field.setValue(text);
      await field.element.closest("form")!.dispatchEvent(new Event("submit"));
      await flushPromises();
    }
    expect(wrapper.findAll("li").map((li) => li.text())).toEqual([
      expect.stringContaining("One"),
      expect.stringContaining("Two"),
    ]);
    expect((field.element as HTMLInputElement).value).toBe("");
    expect(document.activeElement).toBe(field.element);
  });

  it("renders a page's lines a few per task, and what is below the list with the last of them", async () => {
    const user = makeUser({ page: 1, pages: 1, pageSize: 20 });
    const items = Array.from({ length: 20 }, (_, n) => makeItem({ text: `Task ${n + 1}`, position: n + 1 }));
    const { client } = serve({ user, pages: { 1: items }, mutations: {} });
    // The page is in the cache before the list mounts, as when the page brought it.
    client.writeQuery({ query: UserDocument, data: { user } });
    client.writeQuery({ query: ItemsDocument, variables: { page: 1 }, data: { items } });
    client.prioritizeCacheValues = true;
    const { wrapper } = await mountWithApp(ListView, { client });
    const seen: { lines: number; below: boolean }[] = [];
    for (let task = 0; task < 12; task++) {
      seen.push({ lines: wrapper.findAll("ol > li").length, below: wrapper.find("#new-task").exists() });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const counts = seen.map((s) => s.lines);
    expect(counts[counts.length - 1]).toBe(20);
    // Never more than a few lines at a time, in several steps.
    const steps = counts.slice(1).map((n, i) => n - counts[i]);
    expect(Math.max(...steps)).toBeLessThanOrEqual(4);
    expect(new Set(counts).size).toBeGreaterThanOrEqual(5);
    // The new-task field (and the rest below the list) only once every line is there.
    expect(seen.filter((s) => s.below).every((s) => s.lines === 20)).toBe(true);
    expect(seen[seen.length - 1].below).toBe(true);
    expect(wrapper.get("ol").text()).toContain("Task 20");
    document.body.innerHTML = "";
  });
});

describe("ListView after the working page was asked for at start", () => {
  it("shows it from the cache without asking the server again, and refreshes other pages", async () => {
    const { prefetchWorkingPage } = await import("@/composables/bootPrefetch");
    const user = makeUser({ page: 1, pages: 2 });
    const { client, operations } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user } };
      if (op.operationName === "Items") return { data: { items: [makeItem({ id: `i${op.variables.page}`, text: `On page ${op.variables.page}` })] } };
      return { data: { dismissedItems: [] } };
    });
    document.body.innerHTML = '<div id="app" data-page="1"></div>';
    prefetchWorkingPage(client);
    await flushPromises();
    const { wrapper, router } = await mountWithApp(ListView, { client });
    await flushPromises();
    expect(wrapper.text()).toContain("On page 1");
    const pages = () => operations.filter((o) => o.operationName === "Items").map((o) => o.variables.page);
    expect(pages()).toEqual([1]);

    await router.push({ path: "/", query: { page: "2" } });
    await flushPromises();
    expect(wrapper.text()).toContain("On page 2");
    // Page 2 is asked for (and page 1 again, for the working page's count of open tasks).
    expect(pages()).toEqual([1, 2, 1]);
    document.body.innerHTML = "";
  });

});

describe("ListView before Apollo Client has loaded", () => {
  it("shows the page's own data at once, takes an action, and sends it once the client is there, asking nothing else", async () => {
    const user = makeUser();
    const task = makeItem({ text: "Buy milk" });
    document.body.innerHTML = `<script id="boot-data" type="application/json">${JSON.stringify([
      { query: "User", variables: {}, data: { user } },
      { query: "Items", variables: { page: 1 }, data: { items: [task] } },
    ])}</script>`;
    expect(readBootData()).toBe(true);
    const { client, operations } = serve({
      user,
      pages: { 1: [task] },
      mutations: {
        CompleteItem: () => ({ data: { completeItem: { __typename: "ItemPayload", item: { ...task, state: "DONE" }, user } } }),
      },
    });
    const holder = createClientHolder();
    const { wrapper } = await mountWithApp(ListView, { client, holder });
    await flushPromises();
    expect(wrapper.find('[data-testid="list-placeholder"]').exists()).toBe(false);
    expect(wrapper.get('ol[aria-label="Page 1"]').text()).toContain("Buy milk");

    await wrapper.get("li").findAll("button")[0].trigger("click");
    await flushPromises();
    expect(wrapper.get("li s").text()).toBe("Buy milk");
    expect(operations).toEqual([]);

    // What client.ts does once the first screen is up.
    expect(primeFromPage(client)).toBe(true);
    client.prioritizeCacheValues = true;
    holder.default = client;
    await flushPromises();
    client.prioritizeCacheValues = false;
    await flushPromises();
    expect(operations.map((o) => o.operationName)).toEqual(["CompleteItem"]);
    expect(wrapper.get("li s").text()).toBe("Buy milk");
    expect(said("error")).toBe("");
  });

  it("holds the place of a page the page brought no data for until the client has loaded it", async () => {
    const user = makeUser({ pageSize: 5 });
    document.body.innerHTML = `<script id="boot-data" type="application/json">${JSON.stringify([
      { query: "User", variables: {}, data: { user } },
    ])}</script>`;
    expect(readBootData()).toBe(true);
    const { client, operations } = serve({ user, pages: { 1: [makeItem({ text: "Call Ann" })] }, mutations: {} });
    const holder = createClientHolder();
    const { wrapper } = await mountWithApp(ListView, { client, holder });
    await flushPromises();
    expect(wrapper.get('[data-testid="list-placeholder"]').findAll(":scope > div")).toHaveLength(5);
    expect(operations).toEqual([]);

    primeFromPage(client);
    client.prioritizeCacheValues = true;
    holder.default = client;
    await flushPromises();
    client.prioritizeCacheValues = false;
    expect(wrapper.find('[data-testid="list-placeholder"]').exists()).toBe(false);
    expect(wrapper.get('ol[aria-label="Page 1"]').text()).toContain("Call Ann");
    expect(operations.map((o) => o.operationName)).toEqual(["Items"]);
  });
});
