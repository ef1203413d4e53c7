/**
 * The page numbers the page navigation shows, in order, with `null` for a gap: the first and
 * the last page, the working page, and `around` pages either side of the one viewed. A gap of
 * a single page shows that page instead, so a gap always hides at least two pages.
 */
export function pageNavEntries(total: number, viewed: number, working: number, around = 2): (number | null)[] {
  const shown = new Set<number>([1, total, working]);
  for (let n = viewed - around; n <= viewed + around; n++) shown.add(n);
  const pages = [...shown].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  const entries: (number | null)[] = [];
  let previous = 0;
  for (const n of pages) {
    if (n - previous === 2) entries.push(n - 1);
    else if (n - previous > 2) entries.push(null);
    entries.push(n);
    previous = n;
  }
  return entries;
}
