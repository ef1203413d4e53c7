import { createI18n } from "vue-i18n";
import en from "./en";
import ru from "./ru";

export type Locale = "en" | "ru";
export const LOCALES: Locale[] = ["en", "ru"];

export function normalizeLocale(value: string | null | undefined): Locale {
  return value && value.toLowerCase().startsWith("ru") ? "ru" : "en";
}

/** Signed out: the browser's first preferred language we have. */
export function browserLocale(): Locale {
  if (typeof navigator === "undefined") return "en";
  for (const lang of navigator.languages ?? [navigator.language]) {
    const l = lang.toLowerCase();
    if (l.startsWith("ru")) return "ru";
    if (l.startsWith("en")) return "en";
  }
  return "en";
}

/** Russian plural forms: choice 0 = zero, 1 = one, 2 = few, 3 = many. */
export function russianPlural(choice: number, choicesLength: number): number {
  const n = Math.abs(choice);
  if (choicesLength < 4) return n === 1 ? 0 : 1;
  if (n === 0) return 0;
  const teen = n % 100 > 10 && n % 100 < 20;
  if (!teen && n % 10 === 1) return 1;
  if (!teen && n % 10 >= 2 && n % 10 <= 4) return 2;
  return 3;
}

export function createAppI18n(locale: Locale = browserLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: "en",
    messages: { en, ru },
    pluralRules: { ru: russianPlural },
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

export function setLocale(i18n: AppI18n, locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}
