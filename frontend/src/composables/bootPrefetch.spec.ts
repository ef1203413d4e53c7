import { afterEach, describe, expect, it } from "vitest";
import { prefetchWorkingPage, takePrefetchedPage } from "./bootPrefetch";
import { createTestClient, flushPromises, makeItem } from "@/test-utils";

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
