import { describe, expect, it } from "vitest";
import { CHART, chartGeometry, dayLabel, niceMax } from "./statsChart";

const day = (date: string, completed: number, reentered = 0, dismissed = 0) => ({ date, completed, reentered, dismissed });

describe("statsChart", () => {
  it("rounds the axis up to a readable top", () => {
    expect(niceMax(0)).toBe(4);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(21)).toBe(24);
    expect(niceMax(230)).toBe(240);
    expect(niceMax(1234)).toBe(1600);
  });

  it("stacks done, re-entered and dismissed per day, bars proportional to the counts", () => {
    const { segments, top } = chartGeometry([day("2026-03-01", 2, 1, 1), day("2026-03-02", 0)]);
    expect(top).toBe(4);
    expect(segments.map((s) => s.kind)).toEqual(["completed", "reentered", "dismissed"]);
    const plot = CHART.height - CHART.top - CHART.bottom;
    expect(segments[0].height).toBeCloseTo(plot / 2);
    expect(segments[0].y + segments[0].height).toBeCloseTo(CHART.top + plot);
    expect(segments[2].y).toBeCloseTo(CHART.top); // the full stack reaches the top
  });

  it("labels the last day and a few before it", () => {
    const days = Array.from({ length: 30 }, (_, i) => day(`2026-03-${String(i + 1).padStart(2, "0")}`, i));
    const { labels } = chartGeometry(days);
    expect(labels[labels.length - 1]?.date).toBe("2026-03-30");
    expect(labels.length).toBeLessThanOrEqual(7);
  });

  it("labels fewer days on a phone and keeps the last label inside the chart", () => {
    const days = Array.from({ length: 30 }, (_, i) => day(`2026-03-${String(i + 1).padStart(2, "0")}`, i));
    const wide = chartGeometry(days, 640).labels;
    const phone = chartGeometry(days, 300).labels;
    expect(phone.length).toBeLessThan(wide.length);
    expect(phone.length).toBeGreaterThanOrEqual(2);
    const last = phone[phone.length - 1]!;
    expect(last.date).toBe("2026-03-30");
    expect(last.anchor).toBe("end");
    expect(last.x).toBeLessThanOrEqual(300 - CHART.right);
    for (const [a, b] of phone.slice(0, -1).map((l, i) => [l, phone[i + 1]!] as const)) {
      expect(b.x - a.x).toBeGreaterThanOrEqual(56); // room for "30 Mar" between labels
    }
  });

  it("names a day in the reader's language without shifting it to the browser's zone", () => {
    expect(dayLabel("2026-03-05", "en")).toBe("Mar 5");
    expect(dayLabel("2026-03-05", "ru")).toMatch(/^5 мар/);
  });
});
