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

/** Room a day label ("30 Mar", "30 мар.") needs, in user units (drawn 1:1 with CSS pixels). */
const LABEL_ROOM = 64;
const HALF_LABEL = 24;

export interface Label {
  date: string;
  x: number;
  anchor: "middle" | "end";
}

/** A round top for the axis, so that its quarter ticks are whole numbers: 4, 8, 12 … 40,
 * then 4 × (10, 15, 20, 25, 30, 40, 50, 60, 75, 80, 100 …). */
export function niceMax(value: number): number {
  if (value <= 40) return Math.max(4, 4 * Math.ceil(value / 4));
  const quarter = value / 4;
  const power = 10 ** Math.floor(Math.log10(quarter));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10]) {
    if (step * power >= quarter && Number.isInteger(step * power)) return 4 * step * power;
  }
  return 40 * power;
}

/** The chart at `width` user units, the width it is shown at: its text keeps its size on a
 * phone, and fewer days are labelled where there is less room. */
export function chartGeometry(days: DayCounts[], width: number = CHART.width) {
  const plotWidth = width - CHART.left - CHART.right;
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
  const fits = Math.max(2, Math.min(6, Math.floor(plotWidth / LABEL_ROOM)));
  const labelEvery = Math.max(1, Math.ceil(days.length / fits));
  const labels: Label[] = days
    .map((day, i) => ({ date: day.date, x: CHART.left + slot * (i + 0.5), i }))
    .filter(({ i }) => (days.length - 1 - i) % labelEvery === 0)
    // The last day's label ends at the edge instead of running past it.
    .map(({ date, x }) =>
      x + HALF_LABEL > width - CHART.right
        ? { date, x: width - CHART.right, anchor: "end" as const }
        : { date, x, anchor: "middle" as const },
    );
  return { segments, ticks, labels, top };
}

/** "5 Mar" / "5 мар." for a YYYY-MM-DD day, whatever the browser's own zone. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
