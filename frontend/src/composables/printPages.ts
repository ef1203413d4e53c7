/** The JSON export, as the print view reads it. */
export interface ExportedItem {
  position: number;
  text: string;
  state: "ACTIVE" | "DONE" | "REENTERED" | "DISMISSED";
  repeats: number;
}
export interface ExportedList {
  pageSize: number;
  items: ExportedItem[];
}
export interface PrintPage {
  number: number;
  items: ExportedItem[];
}

/** Cuts the list into its pages (the page of a position never changes); empty pages left out. */
export function groupIntoPages(items: ExportedItem[], pageSize: number): PrintPage[] {
  const pages: PrintPage[] = [];
  for (const item of items) {
    const number = Math.floor((item.position - 1) / pageSize) + 1;
    const last = pages[pages.length - 1];
    if (last && last.number === number) last.items.push(item);
    else pages.push({ number, items: [item] });
  }
  return pages;
}
