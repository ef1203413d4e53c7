import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import SignInApp from "./SignInApp.vue";
import { createAppI18n } from "@/i18n";
import { notices } from "@/composables/useNotices";

function respond(body: unknown, status = 200) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
}

function mountSignIn() {
  return mount(SignInApp, { global: { plugins: [createAppI18n("en")] }, attachTo: document.body });
}

beforeEach(() => {
  document.head.innerHTML = "";
  document.body.innerHTML = '<div id="app" data-prefetch="/static/app.1.js /static/app.1.css "></div>';
  notices.splice(0);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the sign-in screen on its own", () => {
  it("sends the SPA's own RequestLoginLink document and tells the visitor to check the inbox", async () => {
    const fetch = respond({ data: { requestLoginLink: { signedIn: false, user: null } } });
    vi.stubGlobal("fetch", fetch);
    const wrapper = mountSignIn();
    await wrapper.get("input#email").setValue("ann@example.com");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/graphql");
    const body = JSON.parse(init.body as string);
    expect(body.operationName).toBe("RequestLoginLink");
    expect(body.query).toContain("mutation RequestLoginLink");
    expect(body.query).toContain("fragment UserFields");
    expect(body.variables).toEqual({ email: "ann@example.com", timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(wrapper.text()).toContain("ann@example.com");
    expect(wrapper.get('[role="status"]').text()).not.toBe("");
  });

  it("explains a refused address in the alert region", async () => {
    vi.stubGlobal("fetch", respond({ data: null, errors: [{ message: "bad", extensions: { code: "BAD_USER_INPUT" } }] }));
    const wrapper = mountSignIn();
    await wrapper.get("input#email").setValue("nope@");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain("Please enter a valid email address.");
  });

  it("says when the server cannot be reached", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("offline"))));
    const wrapper = mountSignIn();
    await wrapper.get("input#email").setValue("ann@example.com");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(notices.map((n) => n.kind)).toEqual(["error"]);
  });

  it("prefetches the app's files once, as soon as the visitor types", async () => {
    const wrapper = mountSignIn();
    expect(document.head.querySelectorAll('link[rel="prefetch"]')).toHaveLength(0);
    await wrapper.get("input#email").setValue("a");
    await wrapper.get("input#email").setValue("an");
    const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')];
    expect(links.map((l) => l.getAttribute("href"))).toEqual(["/static/app.1.js", "/static/app.1.css"]);
  });
});
