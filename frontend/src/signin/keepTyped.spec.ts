import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "vue";
import { flushPromises } from "@vue/test-utils";
import SignInApp from "./SignInApp.vue";
import { keepTyped } from "./keepTyped";
import { createAppI18n } from "@/i18n";

// The sign-in screen as the page brings it (templates/signin_screen.html), in short.
const SERVED =
  '<div id="app"><main><form><label for="email">Email</label><input id="email" type="email" autofocus>' +
  '<button type="submit" disabled>Sign in</button></form></main></div>';

let app: App | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
  document.body.innerHTML = "";
  vi.unstubAllGlobals();
});

function start(): void {
  keepTyped(document, () => {
    app = createApp(SignInApp).use(createAppI18n("en"));
    app.mount("#app");
  });
}

describe("the app taking the place of the sign-in screen the page brought", () => {
  it("keeps what the visitor typed, in the field and in the app, with the focus", async () => {
    document.body.innerHTML = SERVED;
    const served = document.getElementById("email") as HTMLInputElement;
    served.focus();
    served.value = "ann@exam";

    start();
    await flushPromises();

    const field = document.getElementById("email") as HTMLInputElement;
    expect(field).not.toBe(served);
    expect(field.value).toBe("ann@exam");
    expect(document.activeElement).toBe(field);
    // The app's own state has it: typing goes on, and the address sent is the whole of it.
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: { requestLoginLink: { signedIn: false, user: null } } })));
    vi.stubGlobal("fetch", fetch);
    field.value += "ple.com";
    field.dispatchEvent(new Event("input"));
    (document.querySelector("button[type=submit]") as HTMLButtonElement).click();
    await flushPromises();
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(init.body as string).variables.email).toBe("ann@example.com");
  });

  it("leaves an untouched screen as the app renders it", async () => {
    document.body.innerHTML = SERVED;
    start();
    await flushPromises();
    const field = document.getElementById("email") as HTMLInputElement;
    expect(field.value).toBe("");
    expect(document.querySelector("h1")?.textContent).toBe("Sign in");
  });
});
