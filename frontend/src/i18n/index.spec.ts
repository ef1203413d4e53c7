import { describe, expect, it } from "vitest";
import { createAppI18n, normalizeLocale, russianPlural } from "./index";
import en from "./en";
import ru from "./ru";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("i18n", () => {
  it("has every English message in Russian", () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort());
  });

  it("picks Russian plural forms", () => {
    expect([0, 1, 2, 5, 11, 21, 22, 25, 111].map((n) => russianPlural(n, 4))).toEqual([0, 1, 2, 3, 3, 1, 2, 3, 3]);
  });

  it("switches language at run time", () => {
    const i18n = createAppI18n("en");
    const t = i18n.global.t;
    expect(t("confirm.body", 5)).toBe("5 open tasks on this page will be dismissed.");
    expect(t("confirm.body", 1)).toBe("1 open task on this page will be dismissed.");
    i18n.global.locale.value = "ru";
    expect(t("confirm.body", 5)).toBe("На этой странице будут отклонены 5 открытых задач.");
    expect(t("confirm.body", 3)).toBe("На этой странице будут отклонены 3 открытые задачи.");
    expect(t("notice.dismissed", 21)).toBe("Отклонена 21 задача.");
  });

  it("maps any language tag to a supported locale", () => {
    expect(normalizeLocale("ru-RU")).toBe("ru");
    expect(normalizeLocale("de")).toBe("en");
    expect(normalizeLocale(undefined)).toBe("en");
  });
});
