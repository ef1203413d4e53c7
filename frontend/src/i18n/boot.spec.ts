import { afterEach, describe, expect, it } from "vitest";
import { createBootI18n, offerMessages, switchLocale, type LocaleSwitch } from "./boot";
import en from "./en";

const translate = (i18n: { global: unknown }, key: string) => (i18n.global as { t: (k: string) => string }).t(key);

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__autofocusMessages;
});

describe("the app's messages, one language at a time", () => {
  it("starts in the language the server loaded, with no other", () => {
    offerMessages("en", en);
    const i18n = createBootI18n();
    expect(i18n.global.availableLocales).toEqual(["en"]);
    expect(translate(i18n, "nav.signOut")).toBe("Sign out");
  });

  it("fetches another language when the person switches to it, then shows it", async () => {
    offerMessages("en", en);
    const i18n = createBootI18n();
    const composer = i18n.global as unknown as LocaleSwitch;
    let switched = false;
    switchLocale(composer, "ru", () => (switched = true));
    expect(composer.locale.value).toBe("en"); // until the Russian messages are here
    await expect.poll(() => switched).toBe(true);
    expect(composer.locale.value).toBe("ru");
    expect(translate(i18n, "nav.signOut")).toBe("Выйти");
  });

  it("fetches English when no language was loaded before the app", async () => {
    const i18n = createBootI18n();
    await expect.poll(() => i18n.global.availableLocales).toEqual(["en"]);
    expect(translate(i18n, "nav.signOut")).toBe("Sign out");
  });
});
