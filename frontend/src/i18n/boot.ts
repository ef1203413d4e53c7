import { createI18n } from "vue-i18n";
import type { Locale } from "./index";
import { russianPlural } from "./index";

/**
 * The signed-in app carries the messages of one language only: the server loads the entry of
 * the person's language (`locale_en` or `locale_ru`, each a script of its own) before the
 * app's, which finds the messages here; another language is fetched when the person
 * switches to it.
 */
type Messages = Record<string, unknown>;
type Offered = { locale: Locale; messages: Messages };
const KEY = "__autofocusMessages";

export function offerMessages(locale: Locale, messages: Messages): void {
  (globalThis as unknown as Record<string, Offered>)[KEY] = { locale, messages };
}

function offered(): Offered | undefined {
  return (globalThis as unknown as Record<string, Offered | undefined>)[KEY];
}

/** The app's i18n in the offered language (English, fetched, when none was offered). */
export function createBootI18n() {
  const given = offered();
  const locale: Locale = given?.locale ?? "en";
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: locale,
    messages: (given ? { [given.locale]: given.messages } : {}) as Record<Locale, never>,
    pluralRules: { ru: russianPlural },
    missingWarn: false,
    fallbackWarn: false,
  });
  if (!given) switchLocale(i18n.global as unknown as LocaleSwitch, "en");
  return i18n;
}

/** What switching needs of vue-i18n's composer (useI18n() or i18n.global). */
export interface LocaleSwitch {
  availableLocales: string[];
  locale: { value: string };
  setLocaleMessage(locale: string, messages: never): void;
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const module = locale === "ru" ? await import(/* webpackChunkName: "messages-ru" */ "./ru") : await import(/* webpackChunkName: "messages-en" */ "./en");
  return module.default as Messages;
}

/** Fetches `locale`'s messages unless they are here (always so in tests, which load both). */
export async function ensureMessages(composer: LocaleSwitch, locale: Locale): Promise<void> {
  if (composer.availableLocales.includes(locale)) return;
  composer.setLocaleMessage(locale, (await loadMessages(locale)) as never);
}

/**
 * Shows `locale`: at once when its messages are here, else once they are fetched (offline,
 * the current language stays). `then` runs after the switch (it sets the page's lang).
 */
export function switchLocale(composer: LocaleSwitch, locale: Locale, then: () => void = () => undefined): void {
  const show = () => {
    composer.locale.value = locale;
    then();
  };
  if (composer.availableLocales.includes(locale)) show();
  else void ensureMessages(composer, locale).then(show, () => undefined);
}
