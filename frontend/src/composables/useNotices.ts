import { reactive } from "vue";

export type NoticeKind = "info" | "error";
export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

let nextId = 1;
export const notices = reactive<Notice[]>([]);

/** Shows a message in the live region; info fades after a while, errors stay until closed. */
export function notify(text: string, kind: NoticeKind = "info", timeout?: number): number {
  const id = nextId++;
  notices.push({ id, kind, text });
  while (notices.length > 4) notices.shift();
  const ms = timeout ?? (kind === "info" ? 6000 : 15000);
  if (ms > 0) setTimeout(() => dismissNotice(id), ms);
  return id;
}

export function dismissNotice(id: number): void {
  const index = notices.findIndex((n) => n.id === id);
  if (index >= 0) notices.splice(index, 1);
}

export function clearNotices(): void {
  notices.splice(0, notices.length);
}
