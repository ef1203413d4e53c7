import { afterEach, describe, expect, it, vi } from "vitest";
import ApiTokensSection from "./ApiTokensSection.vue";
import { createTestClient, flushPromises, graphqlError, mountWithApp, unmountAll } from "@/test-utils";
import { clearNotices, notices } from "@/composables/useNotices";
import type { ApiToken } from "@/composables/useApiTokens";

const SECRET = "af_" + "s".repeat(43);

function makeToken(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    __typename: "ApiToken",
    id: "1",
    name: "laptop script",
    scope: "WRITE",
    createdAt: "2026-03-04T10:00:00+00:00",
    lastUsedAt: null,
    ...overrides,
  };
}

function server(tokens: ApiToken[], overrides: Record<string, (vars: Record<string, unknown>) => unknown> = {}) {
  return createTestClient((op) => {
    const custom = overrides[op.operationName];
    if (custom) return custom(op.variables) as never;
    if (op.operationName === "ApiTokens") return { data: { apiTokens: tokens } };
    if (op.operationName === "CreateApiToken") {
      const created = makeToken({ id: "9", name: String(op.variables.name), scope: op.variables.scope as ApiToken["scope"] });
      return { data: { createApiToken: { __typename: "CreateApiTokenPayload", token: SECRET, apiToken: created } } };
    }
    if (op.operationName === "RevokeApiToken") return { data: { revokeApiToken: { __typename: "RevokeApiTokenPayload", ok: true } } };
    throw new Error(op.operationName);
  });
}

const names = (wrapper: { findAll: (s: string) => { text: () => string }[] }) =>
  wrapper.findAll("li").map((li) => li.text());

describe("ApiTokensSection", () => {
  afterEach(() => {
    unmountAll();
    clearNotices();
    vi.unstubAllGlobals();
  });

  it("lists each token with its scope, creation day and last use", async () => {
    const { client } = server([
      makeToken({ id: "2", name: "phone", scope: "READ", lastUsedAt: "2026-05-06T23:59:00+00:00" }),
      makeToken(),
    ]);
    const { wrapper } = await mountWithApp(ApiTokensSection, { client });
    expect(wrapper.get("h2").text()).toBe("API tokens");
    const [phone, laptop] = names(wrapper);
    expect(phone).toContain("phone");
    expect(phone).toContain("Read");
    expect(phone).toMatch(/last used May 6, 2026|last used 6 May 2026/);
    expect(laptop).toContain("Write");
    expect(laptop).toMatch(/Created (Mar 4, 2026|4 Mar 2026) · never used/);
  });

  it("creates a token, shows it once with a copy button, and adds it to the list", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    vi.stubGlobal("isSecureContext", true);
    const { client, operations } = server([]);
    const { wrapper } = await mountWithApp(ApiTokensSection, { client });
    expect(wrapper.text()).toContain("No tokens yet.");

    await wrapper.get("#api-token-name").setValue("  laptop   script ");
    await wrapper.get("input[value=WRITE]").setValue(true);
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const create = operations.find((op) => op.operationName === "CreateApiToken")!;
    expect(create.variables).toEqual({ name: "laptop script", scope: "WRITE" });

    const shown = wrapper.get("textarea");
    expect((shown.element as HTMLTextAreaElement).value).toBe(SECRET);
    expect(wrapper.text()).toContain("Copy it now: it will not be shown again.");
    expect(names(wrapper)).toEqual([expect.stringContaining("laptop script")]);

    const copy = wrapper.findAll("button").find((b) => b.text() === "Copy")!;
    await copy.trigger("click");
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(copy.text()).toBe("Copied");
    expect(notices.map((n) => n.text)).toContain("Token copied to the clipboard.");

    await wrapper.findAll("button").find((b) => b.text() === "Done")!.trigger("click");
    expect(wrapper.find("textarea").exists()).toBe(false);
    expect(wrapper.text()).not.toContain(SECRET);
  });

  it("refuses a name already in use without asking the server", async () => {
    const { client, operations } = server([makeToken()]);
    const { wrapper } = await mountWithApp(ApiTokensSection, { client });
    await wrapper.get("#api-token-name").setValue("Laptop Script");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(operations.some((op) => op.operationName === "CreateApiToken")).toBe(false);
    expect(notices.map((n) => n.text)).toContain("You already have a token called “Laptop Script”.");
  });

  it("explains the limit when the server refuses a twenty-first token", async () => {
    const { client } = server([], { CreateApiToken: () => graphqlError("CONFLICT") });
    const { wrapper } = await mountWithApp(ApiTokensSection, { client });
    await wrapper.get("#api-token-name").setValue("one more");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.find("textarea").exists()).toBe(false);
    expect(notices.map((n) => n.text)).toContain("You have reached the limit of 20 tokens. Revoke one to create another.");
  });

  it("hides the form at twenty tokens", async () => {
    const tokens = Array.from({ length: 20 }, (_, n) => makeToken({ id: String(n + 1), name: `t${n}` }));
    const { client } = server(tokens);
    const { wrapper } = await mountWithApp(ApiTokensSection, { client });
    expect(wrapper.find("form").exists()).toBe(false);
    expect(wrapper.text()).toContain("You have 20 tokens, the most an account can have.");
  });

  it("revokes a token after confirmation, and keeps it when cancelled", async () => {
    const { client, operations } = server([makeToken({ id: "7" })]);
    const { wrapper } = await mountWithApp(ApiTokensSection, { client });
    const revoke = () => wrapper.findAll("li button").find((b) => b.text() === "Revoke")!.trigger("click");

    await revoke();
    expect(wrapper.get("dialog").text()).toContain("Revoke “laptop script”?");
    await wrapper.findAll("dialog button").find((b) => b.text() === "Cancel")!.trigger("click");
    expect(wrapper.find("dialog").exists()).toBe(false);
    expect(operations.some((op) => op.operationName === "RevokeApiToken")).toBe(false);

    await revoke();
    await wrapper.findAll("dialog button").find((b) => b.text() === "Revoke token")!.trigger("click");
    await flushPromises();
    expect(operations.find((op) => op.operationName === "RevokeApiToken")!.variables).toEqual({ id: "7" });
    expect(wrapper.findAll("li")).toHaveLength(0);
    expect(notices.map((n) => n.text)).toContain("Token “laptop script” revoked.");
  });

  it("speaks Russian", async () => {
    const { client } = server([makeToken()]);
    const { wrapper } = await mountWithApp(ApiTokensSection, { client, locale: "ru" });
    expect(wrapper.get("h2").text()).toBe("API-токены");
    expect(wrapper.text()).toContain("ещё не использовался");
    expect(wrapper.get("button[type=submit]").text()).toBe("Создать токен");
  });
});
