import { beforeEach, describe, expect, it } from "vitest";
import DeleteAccountSection from "./DeleteAccountSection.vue";
import { createTestClient, flushPromises, graphqlError, makeUser, mountWithApp } from "@/test-utils";
import { notices } from "@/composables/useNotices";
import { UserDocument } from "@/graphql/generated";

beforeEach(() => {
  document.body.innerHTML = "";
  notices.splice(0);
});

function serve(answer: "ok" | "mismatch") {
  return createTestClient((op) => {
    if (op.operationName === "User") return { data: { user: makeUser({ email: "ann@example.com" }) } };
    if (op.operationName === "DeleteAccount") {
      return answer === "ok" ? { data: { deleteAccount: { __typename: "DeleteAccountPayload", ok: true } } } : graphqlError("BAD_USER_INPUT");
    }
    throw new Error(`unexpected ${op.operationName}`);
  });
}

describe("DeleteAccountSection", () => {
  it("deletes only once the address is typed, then forgets the user", async () => {
    const { client, operations } = serve("ok");
    const { wrapper, router } = await mountWithApp(DeleteAccountSection, { client, path: "/settings" });
    await wrapper.get("button").trigger("click");
    const submit = wrapper.get("button[type=submit]");
    expect(submit.attributes("disabled")).toBeDefined();
    await wrapper.get("input#delete-email").setValue("Ann@Example.com ");
    expect(submit.attributes("disabled")).toBeUndefined();
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(operations.find((o) => o.operationName === "DeleteAccount")?.variables).toEqual({ email: "Ann@Example.com" });
    expect(client.readQuery({ query: UserDocument })).toEqual({ user: null });
    expect(router.currentRoute.value.path).toBe("/");
    expect(notices.map((n) => n.text)).toContain("Your account and everything in it are deleted.");
  });

  it("keeps everything and says why when the server refuses the address", async () => {
    const { client } = serve("mismatch");
    const { wrapper } = await mountWithApp(DeleteAccountSection, { client, path: "/settings", locale: "ru" });
    await wrapper.get("button").trigger("click");
    await wrapper.get("input#delete-email").setValue("ann@example.com");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(notices.map((n) => n.text)).toContain("Это не адрес этого аккаунта; ничего не удалено.");
    expect(client.readQuery({ query: UserDocument })?.user?.email).toBe("ann@example.com");
  });
});
