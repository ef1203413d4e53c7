import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Operation } from "@apollo/client/core";
import App from "./App.vue";
import { createTestClient, flushPromises, makeItem, makeUser, mountWithApp } from "@/test-utils";
import { installShortcuts } from "@/composables/useShortcuts";
import { notices } from "@/composables/useNotices";
import type { Item, User } from "@/composables/useFocus";

function serve(state: { user: User | null; items: Item[] }, mutations: Record<string, (op: Operation) => unknown> = {}) {
  return createTestClient((op) => {
    if (op.operationName === "User") return { data: { user: state.user } };
    if (op.operationName === "Items") return { data: { items: state.items } };
    if (op.operationName === "DismissedItems") return { data: { dismissedItems: [] } };
    if (op.operationName === "DismissedCount") return { data: { dismissedCount: 0 } };
    if (op.operationName === "ApiTokens") return { data: { apiTokens: [] } };
    const handler = mutations[op.operationName];
    if (!handler) throw new Error(`unexpected ${op.operationName}`);
    return handler(op) as never;
  });
}

function press(key: string, init: KeyboardEventInit = {}, target: Element = document.activeElement ?? document.body) {
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
}

const buttons = (w: { findAll: (s: string) => { text: () => string }[] }) => w.findAll("button").map((b) => b.text());

beforeAll(() => {
  installShortcuts();
});

beforeEach(() => {
  document.body.innerHTML = "";
  notices.splice(0);
});

describe("signing in", () => {
  it("lets a new address straight in and asks to confirm it", async () => {
    const user = makeUser({ isValidated: false, email: "new@example.com" });
    const state = { user: null as User | null, items: [makeItem({ text: "Welcome! This is your list" })] };
    const { client, operations } = serve(state, {
      RequestLoginLink: () => {
        state.user = user; // the session cookie is set from now on
        return { data: { requestLoginLink: { __typename: "RequestLoginLinkPayload", signedIn: true, user } } };
      },
    });
    const { wrapper } = await mountWithApp(App, { client });
    expect(wrapper.get('label[for="email"]').text()).toBe("Email");
    await wrapper.get("input#email").setValue("new@example.com");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    await flushPromises();
    expect(operations.find((o) => o.operationName === "RequestLoginLink")?.variables).toEqual({
      email: "new@example.com",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(wrapper.text()).toContain("Please confirm your email address");
    expect(wrapper.text()).toContain("Welcome! This is your list");
    expect(buttons(wrapper)).toContain("Sign out");
  });

  it("tells a known address to check the inbox", async () => {
    const { client } = serve({ user: null, items: [] }, {
      RequestLoginLink: () => ({ data: { requestLoginLink: { __typename: "RequestLoginLinkPayload", signedIn: false, user: null } } }),
    });
    const { wrapper } = await mountWithApp(App, { client });
    await wrapper.get("input#email").setValue("bob@example.com");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.text()).toContain("Check your inbox: we sent a sign-in link to bob@example.com.");
    expect(wrapper.find("ol").exists()).toBe(false);
  });

  it("explains a refused address", async () => {
    const { GraphQLError } = await import("graphql");
    const { client } = serve({ user: null, items: [] }, {
      RequestLoginLink: () => ({ errors: [new GraphQLError("bad", { extensions: { code: "BAD_USER_INPUT" } })] }),
    });
    const { wrapper } = await mountWithApp(App, { client });
    await wrapper.get("input#email").setValue("nope@");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain("Please enter a valid email address.");
  });
});

describe("signing out", () => {
  it("asks first when changes wait, then shows the sign-in form and keeps nothing of the list", async () => {
    const { get } = await import("idb-keyval");
    const { createStore } = await import("idb-keyval");
    const state = { user: makeUser() as User | null, items: [makeItem({ text: "Private plan" })] };
    let loggedOut = 0;
    const { client, operations } = serve(state, {
      CreateItem: () => new Promise(() => undefined), // the server never answers: it stays pending
      Logout: () => {
        loggedOut += 1;
        state.user = null;
        return { data: { logout: { __typename: "LogoutPayload", ok: true } } };
      },
    });
    localStorage.setItem("autofocus.snapshot", JSON.stringify({ user: state.user, pages: {}, dismissed: null }));
    const { wrapper } = await mountWithApp(App, { client });
    await wrapper.get("input#new-task").setValue("Secret task");
    await wrapper.get("input#new-task").element.closest("form")!.dispatchEvent(new Event("submit"));
    await flushPromises();
    expect(wrapper.text()).toContain("Secret task");

    await wrapper.findAll("button").find((b) => b.text() === "Sign out")!.trigger("click");
    // The dialog is loaded on first use.
    const dialog = await vi.waitFor(() => wrapper.get("dialog"));
    expect(dialog.text()).toContain("1 change is not saved yet. Sign out anyway?");
    await dialog.findAll("button").find((b) => b.text() === "Sign out anyway")!.trigger("click");
    await flushPromises();

    expect(wrapper.get("h1").text()).toBe("Sign in");
    expect(wrapper.text()).not.toContain("Private plan");
    expect(wrapper.text()).not.toContain("Secret task");
    expect(localStorage.getItem("autofocus.snapshot")).toBeNull();
    expect(await get("outbox:ann@example.com", createStore("autofocus", "outbox"))).toBeUndefined();
    expect(loggedOut).toBe(1);
    expect(operations.filter((o) => o.operationName === "CreateItem")).toHaveLength(1);
  });

  it("signs out at once without asking when everything is saved", async () => {
    const state = { user: makeUser() as User | null, items: [makeItem({ text: "Private plan" })] };
    const { client } = serve(state, {
      Logout: () => ({ data: { logout: { __typename: "LogoutPayload", ok: true } } }),
    });
    const { wrapper } = await mountWithApp(App, { client });
    await flushPromises();
    await wrapper.findAll("button").find((b) => b.text() === "Sign out")!.trigger("click");
    await flushPromises();
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(wrapper.get("h1").text()).toBe("Sign in");
    expect(wrapper.text()).not.toContain("Private plan");
  });
});

describe("language", () => {
  it("follows the user's language and switches when it changes", async () => {
    const state = { user: makeUser({ language: "ru" }) as User | null, items: [makeItem()] };
    const { client } = serve(state, {
      UpdateSettings: (op) => {
        state.user = { ...state.user!, language: op.variables.language as string };
        return { data: { updateSettings: { __typename: "UserPayload", user: state.user } } };
      },
    });
    const { wrapper, router } = await mountWithApp(App, { client });
    expect(buttons(wrapper)).toEqual(expect.arrayContaining(["Отменить", "Выйти", "Ничего не выделяется", "Сделано"]));
    expect(document.documentElement.lang).toBe("ru");

    await router.push("/settings");
    await flushPromises();
    const select = wrapper.get("select#language");
    expect(wrapper.get('label[for="language"]').text()).toBe("Язык");
    await select.setValue("en");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(wrapper.get("h1").text()).toBe("Settings");
    expect(buttons(wrapper)).toEqual(expect.arrayContaining(["Undo", "Sign out", "Save"]));
    expect(document.documentElement.lang).toBe("en");
    // Said once the server has the change, in the language it just chose.
    expect(notices.map((n) => n.text)).toContain("Settings saved.");
  });

  it("uses the browser's language when signed out", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["ru-RU", "en"]);
    const { client } = serve({ user: null, items: [] });
    const { wrapper } = await mountWithApp(App, { client });
    expect(wrapper.text()).toContain("Вход");
    expect(wrapper.get('label[for="email"]').text()).toBe("Электронная почта");
    vi.restoreAllMocks();
  });
});

describe("keyboard", () => {
  async function setUp() {
    const items = [makeItem({ text: "First" }), makeItem({ text: "Second" })];
    const state = { user: makeUser() as User | null, items };
    const mutations = {
      CompleteItem: vi.fn((op: Operation) => ({
        data: {
          completeItem: {
            __typename: "ItemPayload",
            item: { ...items.find((i) => i.id === op.variables.id)!, state: "DONE" },
            user: state.user,
          },
        },
      })),
      Undo: vi.fn(() => ({ data: { undo: { __typename: "UndoPayload", ok: true, user: state.user } } })),
    };
    const { client } = serve(state, mutations);
    const mounted = await mountWithApp(App, { client });
    return { ...mounted, mutations, items };
  }

  it("moves between lines with j and k and completes the selected one with d", async () => {
    const { wrapper, mutations, items } = await setUp();
    press("j");
    await flushPromises();
    expect((document.activeElement as HTMLElement).dataset.itemId).toBe(items[0].id);
    press("j");
    await flushPromises();
    expect((document.activeElement as HTMLElement).dataset.itemId).toBe(items[1].id);
    press("k");
    await flushPromises();
    expect((document.activeElement as HTMLElement).dataset.itemId).toBe(items[0].id);
    press("d");
    await flushPromises();
    expect(mutations.CompleteItem).toHaveBeenCalledTimes(1);
    expect(wrapper.findAll("li")[0].find("s").text()).toBe("First");
    expect((document.activeElement as HTMLElement).dataset.itemId).toBe(items[0].id);
  });

  it("focuses the new task field with n and ignores shortcuts typed there", async () => {
    const { mutations } = await setUp();
    press("n");
    const field = document.getElementById("new-task");
    expect(document.activeElement).toBe(field);
    press("d", {}, field!);
    press("u", {}, field!);
    await flushPromises();
    expect(mutations.CompleteItem).not.toHaveBeenCalled();
    expect(mutations.Undo).not.toHaveBeenCalled();
  });

  it("undoes with u and with Ctrl/Cmd+Z", async () => {
    const { mutations } = await setUp();
    press("u");
    await flushPromises();
    press("z", { ctrlKey: true });
    await flushPromises();
    press("z", { metaKey: true });
    await flushPromises();
    expect(mutations.Undo).toHaveBeenCalledTimes(3);
    expect(notices.map((n) => n.text)).toContain("Undone.");
  });

  it("edits the selected line with e: Enter saves, Escape cancels", async () => {
    const { wrapper } = await setUp();
    press("j");
    await flushPromises();
    press("e");
    await flushPromises();
    const input = wrapper.get('input[aria-label="Task text"]');
    expect(document.activeElement).toBe(input.element);
    await input.trigger("keydown", { key: "Escape" });
    await flushPromises();
    expect(wrapper.find('input[aria-label="Task text"]').exists()).toBe(false);
  });

  it("opens the help with ? and lists the shortcuts", async () => {
    const { wrapper, router } = await setUp();
    press("?");
    await vi.waitFor(() => expect(wrapper.get("h1").text()).toBe("Keyboard shortcuts"), { timeout: 3000 });
    expect(router.currentRoute.value.path).toBe("/help");
    expect(wrapper.text()).toContain("Nothing stands out");
    press("w");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/");
  });

  it("keeps Space for the focused button", async () => {
    const { wrapper } = await setUp();
    const undo = wrapper.findAll("button").find((b) => b.text() === "Undo")!;
    (undo.element as HTMLElement).focus();
    const event = new KeyboardEvent("keydown", { key: " ", bubbles: true, cancelable: true });
    undo.element.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe("dismissed count", () => {
  it("shows how many dismissed tasks wait for review, keeping the link's name", async () => {
    const user = makeUser();
    const { client } = createTestClient((op) => {
      if (op.operationName === "User") return { data: { user } };
      if (op.operationName === "Items") return { data: { items: [] } };
      if (op.operationName === "DismissedCount") return { data: { dismissedCount: 2 } };
      throw new Error(`unexpected ${op.operationName}`);
    });
    const { wrapper } = await mountWithApp(App, { client });
    await flushPromises();
    await flushPromises();
    const link = wrapper.get('a[href="/dismissed"]');
    expect(link.attributes("aria-label")).toBe("Dismissed");
    expect(link.get('[data-testid="dismissed-count"]').text()).toBe("2");
    expect(link.attributes("title")).toBe("2 tasks waiting for review");
    // Announced as the link's description, not only shown.
    const description = wrapper.get(`#${link.attributes("aria-describedby")}`);
    expect(description.text()).toBe("2 tasks waiting for review");
  });
});

describe("opening the app signed in", () => {
  it("gives the header its signed-in shape before the account arrives, so nothing below it moves", async () => {
    // The server names the working page only on a signed-in person's page.
    document.body.innerHTML = '<div id="app" data-page="1"></div>';
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { client } = createTestClient(async (op) => {
      if (op.operationName === "User") {
        await answered;
        return { data: { user: makeUser() } };
      }
      if (op.operationName === "Items") return { data: { items: [makeItem({ text: "First" })] } };
      return { data: { dismissedCount: 0 } };
    });
    const { wrapper } = await mountWithApp(App, { client });
    expect(wrapper.text()).toContain("Loading your list…");
    const before = wrapper.get('nav[aria-label="Main"]').findAll("a").map((a) => a.text());
    expect(before).toEqual(["List", "Dismissed", "Stats", "Settings"]);
    expect(buttons(wrapper)).toContain("Sign out");

    answer();
    await flushPromises();
    expect(wrapper.text()).toContain("First");
    expect(wrapper.get('nav[aria-label="Main"]').findAll("a").map((a) => a.text())).toEqual(before);
  });

  it("shows no signed-in header to a visitor while the account is asked for", async () => {
    const { client } = createTestClient(() => new Promise(() => undefined));
    const { wrapper } = await mountWithApp(App, { client });
    expect(wrapper.text()).toContain("Loading your list…");
    expect(wrapper.find("nav").exists()).toBe(false);
    expect(buttons(wrapper)).not.toContain("Sign out");
  });
});
