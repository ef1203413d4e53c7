import { afterEach, describe, expect, it } from "vitest";
import { bootAnswer, prefetchWorkingPage, primeFromPage, readBootData, readPrimedOnce, takePrefetchedPage } from "./bootPrefetch";
import { createTestClient, flushPromises, makeItem, makeUser } from "@/test-utils";

function serveItems() {
  return createTestClient((op) => ({ data: { items: [makeItem({ text: `page ${op.variables.page}` })] } }));
}

afterEach(() => {
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

describe("asking for the working page at start", () => {
  it("asks for the page the server named, and the list then finds it in the cache", async () => {
    document.body.innerHTML = '<div id="app" data-page="3"></div>';
    const { client, operations } = serveItems();
    expect(prefetchWorkingPage(client)).toBe(true);
    await flushPromises();
    expect(operations.map((o) => [o.operationName, o.variables])).toEqual([["Items", { page: 3 }]]);
    const { ItemsDocument } = await import("@/graphql/generated");
    expect(client.readQuery({ query: ItemsDocument, variables: { page: 3 } })?.items[0].text).toBe("page 3");
    // The list takes it once (it then reads the cache instead of asking again), and only page 3.
    expect(takePrefetchedPage(2)).toBe(false);
    prefetchWorkingPage(client);
    expect(takePrefetchedPage(3)).toBe(true);
    expect(takePrefetchedPage(3)).toBe(false);
  });

  it("asks for nothing on a visitor's page or when another page is opened", async () => {
    const { client, operations } = serveItems();
    document.body.innerHTML = '<div id="app"></div>';
    expect(prefetchWorkingPage(client)).toBe(false);
    document.body.innerHTML = '<div id="app" data-page="3"></div>';
    history.replaceState(null, "", "/?page=8");
    expect(prefetchWorkingPage(client)).toBe(false);
    history.replaceState(null, "", "/settings");
    expect(prefetchWorkingPage(client)).toBe(false);
    await flushPromises();
    expect(operations).toEqual([]);
  });
});

describe("the first screen's data in the page", () => {
  function page(answers: unknown, raw?: string) {
    document.body.innerHTML = `<div id="app" data-page="2"></div><script id="boot-data" type="application/json">${raw ?? JSON.stringify(answers)}</script>`;
  }

  it("answers the first screen before the client, then is written to its cache once, so nothing asks the server", async () => {
    const { UserDocument, ItemsDocument, DismissedCountDocument } = await import("@/graphql/generated");
    const user = makeUser({ page: 2, pages: 2 });
    const task = makeItem({ text: "from the page", page: 2 });
    page([
      { query: "User", variables: {}, data: { user } },
      { query: "DismissedCount", variables: {}, data: { dismissedCount: 4 } },
      { query: "Items", variables: { page: 2 }, data: { items: [task] } },
    ]);
    const { client, operations } = serveItems();

    expect(readBootData()).toBe(true);
    expect(document.getElementById("boot-data")).toBeNull();
    // Before the client has loaded: the page's answers, to exactly the questions it answered.
    expect(bootAnswer(ItemsDocument, { page: 2 })).toEqual({ items: [task] });
    expect(bootAnswer(ItemsDocument, { page: 1 })).toBeUndefined();
    expect(bootAnswer(DismissedCountDocument, null)).toEqual({ dismissedCount: 4 });
    expect(primeFromPage(client)).toBe(true);
    // The first screen's queries, as it makes them while its values come first from the cache.
    client.prioritizeCacheValues = true;
    const seen: string[] = [];
    for (const [query, variables] of [
      [UserDocument, {}],
      [DismissedCountDocument, {}],
      [ItemsDocument, { page: 2 }],
    ] as const) {
      client.watchQuery({ query, variables }).subscribe(({ data }) => seen.push(JSON.stringify(data)));
    }
    await flushPromises();
    expect(operations).toEqual([]);
    expect(seen.join()).toContain("from the page");
    expect(seen.join()).toContain('"dismissedCount":4');
    expect(client.readQuery({ query: UserDocument })?.user?.email).toBe(user.email);
    // Read once: a second start finds nothing to read or write.
    expect(readBootData()).toBe(false);
    expect(primeFromPage(client)).toBe(false);
  });

  it("is asked of the cache one question per call, before the first screen asks, and never of the server", async () => {
    const user = makeUser({ page: 2, pages: 2 });
    page([
      { query: "User", variables: {}, data: { user } },
      { query: "Items", variables: { page: 2 }, data: { items: [makeItem({ page: 2 })] } },
    ]);
    const { client, operations } = serveItems();
    const asked: string[] = [];
    const query = client.query.bind(client);
    client.query = ((options: Parameters<typeof client.query>[0]) => {
      asked.push(`${(options.query.definitions[0] as { name?: { value: string } }).name?.value} ${options.fetchPolicy}`);
      return query(options);
    }) as typeof client.query;
    expect(readBootData()).toBe(true);
    expect(primeFromPage(client)).toBe(true);
    expect(readPrimedOnce(client)).toBe(true);
    expect(asked).toEqual(["User cache-only"]);
    expect(readPrimedOnce(client)).toBe(true);
    expect(readPrimedOnce(client)).toBe(false);
    expect(asked).toEqual(["User cache-only", "Items cache-only"]);
    await flushPromises();
    expect(operations).toEqual([]);
  });

  it("is left alone when it is not what the app expects, and the app asks the server", async () => {
    const { client } = serveItems();
    const { UserDocument } = await import("@/graphql/generated");
    for (const bad of [
      { raw: "{not json" },
      { answers: [] },
      { answers: { query: "User" } },
      { answers: [{ query: "Stats", variables: {}, data: {} }] },
    ]) {
      page(bad.answers, bad.raw);
      expect(readBootData()).toBe(false);
      expect(primeFromPage(client)).toBe(false);
    }
    expect(client.readQuery({ query: UserDocument })).toBeNull();
    document.body.innerHTML = '<div id="app"></div>';
    expect(readBootData()).toBe(false);
    expect(primeFromPage(client)).toBe(false);
  });
});
