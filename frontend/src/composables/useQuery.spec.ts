import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, isProxy } from "vue";
import { ItemsDocument } from "@/graphql/generated";
import { useQuery } from "./useQuery";
import { createTestClient, flushPromises, makeItem, mountWithApp, unmountAll } from "@/test-utils";

afterEach(() => unmountAll());

const Page = defineComponent({
  setup() {
    const { result } = useQuery(ItemsDocument, { page: 1 }, { fetchPolicy: "cache-first" });
    return () => h("ol", (result.value?.items ?? []).map((item) => h("li", item.text)));
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
