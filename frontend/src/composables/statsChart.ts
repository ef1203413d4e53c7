/** Geometry of the Stats screen's chart: stacked bars per day, drawn as plain SVG. */

export interface DayCounts {
  date: string; // YYYY-MM-DD in the person's time zone
  completed: number;
  reentered: number;
  dismissed: number;
}

export interface Segment {
  kind: "completed" | "reentered" | "dismissed";
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  value: number;
  y: number;
}

export const CHART = { width: 640, height: 220, left: 32, right: 8, top: 10, bottom: 28 } as const;

/** A round top for the axis: 1, 2, 5, 10, 20, 50 … at least `value`. */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

export function chartGeometry(days: DayCounts[]) {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const top = niceMax(Math.max(0, ...days.map((d) => d.completed + d.reentered + d.dismissed)));
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(2, slot * 0.7);
  const segments: Segment[] = [];
  days.forEach((day, i) => {
    let base = CHART.top + plotHeight;
    const x = CHART.left + slot * i + (slot - barWidth) / 2;
    for (const kind of ["completed", "reentered", "dismissed"] as const) {
      const height = (plotHeight * day[kind]) / top;
      if (height <= 0) continue;
      base -= height;
      segments.push({ kind, x, y: base, width: barWidth, height });
    }
  });
  const ticks: Tick[] = [0, 0.25, 0.5, 0.75, 1].map((f) => ({
    value: Math.round(top * f * 10) / 10,
    y: CHART.top + plotHeight * (1 - f),
  }));
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));
  const labels = days
    .map((day, i) => ({ date: day.date, x: CHART.left + slot * (i + 0.5), i }))
    .filter(({ i }) => (days.length - 1 - i) % labelEvery === 0);
  return { segments, ticks, labels, top };
}

/** "5 Mar" / "5 мар." for a YYYY-MM-DD day, whatever the browser's own zone. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
