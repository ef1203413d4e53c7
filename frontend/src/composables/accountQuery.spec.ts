import { afterEach, describe, expect, it } from "vitest";
import { defineComponent, h } from "vue";
import { useAccount } from "./useAccount";
import { useListActions } from "./useListActions";
import { createTestClient, flushPromises, makeUser, mountWithApp, unmountAll } from "@/test-utils";

afterEach(() => unmountAll());

const Reader = defineComponent({
  setup() {
    const { user } = useAccount();
    useListActions();
    return () => h("p", user.value?.email ?? "nobody");
  },
});

describe("who is signed in", () => {
  it("is one query however many components ask, and outlives the first of them", async () => {
    let asked = 0;
    const { client } = createTestClient((op) => {
      if (op.operationName === "User") asked += 1;
      return { data: { user: makeUser({ email: `ann${asked}@example.com` }) } };
    });
    const first = await mountWithApp(Reader, { client });
    const second = await mountWithApp(Reader, { client });
    await flushPromises();

    const watching = [...client.getObservableQueries("all").values()].filter((q) => q.queryName === "User");
    expect(watching).toHaveLength(1);
    expect(asked).toBe(1);
    expect(second.wrapper.text()).toBe("ann1@example.com");

    first.wrapper.unmount();
    await client.refetchQueries({ include: ["User"] });
    await flushPromises();
    expect(second.wrapper.text()).toBe("ann2@example.com");
  });
});
