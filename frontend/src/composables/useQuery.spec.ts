import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, isProxy } from "vue";
import { ItemsDocument } from "@/graphql/generated";
import { useQuery } from "./useQuery";
import { createTestClient, flushPromises, makeItem, mountWithApp, unmountAll } from "@/test-utils";
import { createClientHolder } from "./apolloClients";
import { primeFromPage, readBootData } from "./bootPrefetch";

afterEach(() => unmountAll());

// Every text it renders, in order.
const rendered: string[] = [];
const Page = defineComponent({
  setup() {
    const { result, loading } = useQuery(ItemsDocument, { page: 1 }, { fetchPolicy: "cache-first" });
    return () => {
      rendered.push(loading.value ? "loading" : (result.value?.items ?? []).map((item) => item.text).join());
      return loading.value ? h("p", "loading") : h("ol", (result.value?.items ?? []).map((item) => h("li", item.text)));
    };
  },
});

describe("useQuery", () => {
  it("hands Apollo the document itself, not a reactive proxy of it, so Apollo's caches keep their results", async () => {
    const { client } = createTestClient(() => new Error("no request expected"));
    const items = [makeItem({ text: "Call Bob" }), makeItem({ text: "Pay rent" })];
    client.writeQuery({ query: ItemsDocument, variables: { page: 1 }, data: { items } });
    const watchQuery = vi.spyOn(client, "watchQuery");

    const { wrapper } = await mountWithApp(Page, { client });
    await flushPromises();

    expect(wrapper.text()).toBe("Call BobPay rent");
    const asked = watchQuery.mock.calls[0][0].query;
    expect(isProxy(asked)).toBe(false);
    expect(asked).toBe(ItemsDocument);
  });

  it("reads what the boot already read from the cache without reading it again", async () => {
    const { client } = createTestClient(() => new Error("no request expected"));
    client.writeQuery({ query: ItemsDocument, variables: { page: 1 }, data: { items: [makeItem({ text: "Call Bob" })] } });
    // As the boot does (readPrimedOnce): the first screen's question asked of the cache.
    const { data: read } = await client.query({ query: ItemsDocument, variables: { page: 1 }, fetchPolicy: "cache-only" });

    const { wrapper } = await mountWithApp(Page, { client });
    await flushPromises();

    expect(wrapper.text()).toBe("Call Bob");
    const [watched] = [...client.getObservableQueries("all").values()];
    // Apollo answers from its result cache only for the same document object: with a proxy
    // the page's read was computed again.
    expect(watched.getCurrentResult().data).toBe(read);
  });
});

describe("useQuery before Apollo Client has loaded", () => {
  it("answers from the page, then from the client's cache, and never from the page again", async () => {
    document.body.innerHTML = `<script id="boot-data" type="application/json">${JSON.stringify([
      { query: "Items", variables: { page: 1 }, data: { items: [makeItem({ text: "Call Bob" })] } },
    ])}</script>`;
    expect(readBootData()).toBe(true);
    rendered.length = 0;
    const { client, operations } = createTestClient(() => new Error("no request expected"));
    const holder = createClientHolder();
    const { wrapper } = await mountWithApp(Page, { client, holder });
    expect(wrapper.text()).toBe("Call Bob");

    primeFromPage(client);
    holder.default = client;
    await flushPromises();
    expect(wrapper.text()).toBe("Call Bob");
    // Not even for a moment something else while the client took over.
    expect(new Set(rendered)).toEqual(new Set(["Call Bob"]));
    expect(operations).toEqual([]);
    expect([...client.getObservableQueries("all").values()].map((q) => q.queryName)).toEqual(["Items"]);

    // The client's answers from now on: the page's old one does not come back.
    client.writeQuery({ query: ItemsDocument, variables: { page: 1 }, data: { items: [] } });
    await flushPromises();
    expect(wrapper.text()).toBe("");
  });

  it("is loading, without an answer from the page, until the client has answered", async () => {
    document.body.innerHTML = "";
    expect(readBootData()).toBe(false);
    const { client, operations } = createTestClient(() => ({ data: { items: [makeItem({ text: "Pay rent" })] } }));
    const holder = createClientHolder();
    const { wrapper } = await mountWithApp(Page, { client, holder });
    await flushPromises();
    expect(wrapper.text()).toBe("loading");
    expect(operations).toEqual([]);

    holder.default = client;
    await flushPromises();
    expect(wrapper.text()).toBe("Pay rent");
    expect(operations.map((o) => o.operationName)).toEqual(["Items"]);
  });
});
