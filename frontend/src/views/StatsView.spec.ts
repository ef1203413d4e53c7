import { describe, expect, it } from "vitest";
import StatsView from "./StatsView.vue";
import { createTestClient, mountWithApp } from "@/test-utils";
import type { StatsQuery } from "@/graphql/generated";

function stats(overrides: Partial<StatsQuery["stats"]> = {}): StatsQuery["stats"] {
  const days = Array.from({ length: 30 }, (_, i) => ({
    __typename: "StatsDay" as const,
    date: `2026-03-${String(i + 1).padStart(2, "0")}`,
    created: 1,
    completed: i === 29 ? 3 : 0,
    reentered: i === 28 ? 2 : 0,
    dismissed: i === 27 ? 4 : 0,
  }));
  return {
    __typename: "Stats",
    days,
    openItems: 12,
    dismissedWaiting: 1,
    oldestOpenDays: 41,
    medianDaysToDone: 2.5,
    firstPassSuccessRate: 0.75,
    timeZone: "Europe/Berlin",
    ...overrides,
  };
}

async function mountStats(data: StatsQuery["stats"], locale: "en" | "ru" = "en") {
  const { client, operations } = createTestClient((op) => {
    if (op.operationName === "Stats") return { data: { stats: data } };
    throw new Error(op.operationName);
  });
  const mounted = await mountWithApp(StatsView, { client, path: "/stats", locale });
  return { ...mounted, operations };
}

describe("StatsView", () => {
  it("asks for the last 30 days and draws a bar per kind and day with actions", async () => {
    const { wrapper, operations } = await mountStats(stats());
    expect(operations[0].variables).toEqual({ days: 30 });
    const bars = wrapper.findAll("[data-testid=stats-chart] rect");
    expect(bars.map((b) => b.attributes("data-kind"))).toEqual(["dismissed", "reentered", "completed"]);
  });

  it("says the other figures in sentences", async () => {
    const { wrapper } = await mountStats(stats());
    const text = wrapper.get("[data-testid=stats-sentences]").text();
    expect(text).toContain("In the last 30 days you finished 3 tasks, re-entered 2 tasks and dismissed 4 tasks.");
    expect(text).toContain("You have 12 open tasks. One dismissed task waits for review.");
    expect(text).toContain("Your oldest open task was added 41 days ago.");
    expect(text).toContain("A task you finished took 2.5 days from adding to done (median).");
    expect(text).toContain("75% of your page passes found something to do");
    expect(text).toContain("Europe/Berlin".replace("_", " "));
  });

  it("keeps the same numbers in a table for screen readers, and shows it instead of the chart on request", async () => {
    const { wrapper } = await mountStats(stats());
    const holder = wrapper.get("[data-testid=stats-table]").element.parentElement!;
    expect(holder.className).toContain("sr-only");
    expect(wrapper.findAll("[data-testid=stats-table] tbody tr")).toHaveLength(30);
    const firstRow = wrapper.findAll("[data-testid=stats-table] tbody tr")[0];
    expect(firstRow.findAll("th, td").map((c) => c.text())).toEqual(["Mar 30", "3", "0", "0", "1"]);

    const toggle = wrapper.get("[data-testid=stats-toggle]");
    expect(toggle.text()).toBe("Show as a table");
    await toggle.trigger("click");
    expect(wrapper.find("[data-testid=stats-chart]").exists()).toBe(false);
    expect(wrapper.get("[data-testid=stats-table]").element.parentElement!.className).not.toContain("sr-only");
    expect(toggle.text()).toBe("Show as a chart");
    expect(toggle.attributes("aria-pressed")).toBe("true");
  });

  it("puts whole days in their plural form", async () => {
    const { wrapper } = await mountStats(stats({ medianDaysToDone: 1 }));
    expect(wrapper.text()).toContain("A task you finished took 1 day from adding to done (median).");
    const ru = await mountStats(stats({ medianDaysToDone: 3 }), "ru");
    expect(ru.wrapper.text()).toContain("проходит 3 дня (медиана)");
  });

  it("says plainly when there is nothing to measure yet, in Russian too", async () => {
    const empty = stats({ oldestOpenDays: null, medianDaysToDone: null, firstPassSuccessRate: null, openItems: 0, dismissedWaiting: 0 });
    const { wrapper } = await mountStats(empty, "ru");
    const text = wrapper.get("[data-testid=stats-sentences]").text();
    expect(text).toContain("Открытых задач нет.");
    expect(text).toContain("За последние 30 дней вы не выполнили ни одной задачи.");
    expect(text).toContain("вы ни разу не нажимали «Ничего не выделяется»");
    expect(wrapper.get("h1").text()).toBe("Ваша статистика");
  });
});
