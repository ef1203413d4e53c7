import type { ItemFieldsFragment, UserFieldsFragment } from "@/graphql/generated";
import type { OutboxEntry } from "./outbox";

/**
 * The list as the person left it: the last list the server sent, with the actions still
 * waiting in the outbox applied on top, in order. Lines an action adds carry a temporary
 * `optimistic-` id until the server gives them theirs. Moving on, undo and settings need
 * the server's rules, so they show once it answered.
 */
type Item = ItemFieldsFragment;
type User = UserFieldsFragment;

export const PENDING_PREFIX = "optimistic-";

function addedLine(entry: OutboxEntry): Item {
  return {
    __typename: "Item",
    id: `${PENDING_PREFIX}${entry.id}`,
    text: entry.text ?? "",
    state: "ACTIVE",
    repeats: entry.repeats ?? 0,
    position: Number.MAX_SAFE_INTEGER,
    page: entry.page ?? 1,
    createdAt: new Date(entry.at).toISOString(),
    version: 1,
  };
}

function target(entry: OutboxEntry): string | undefined {
  const id = entry.variables.id;
  return typeof id === "string" ? id : undefined;
}

/** A page's lines with the pending actions applied. */
export function pendingItems(items: readonly Item[], page: number, entries: readonly OutboxEntry[]): Item[] {
  let lines = [...items];
  // Every change the server applies adds 1 to the task's version; so does its pending copy,
  // so that a second edit made while the first waits carries the version it will meet.
  const change = (id: string | undefined, patch: Partial<Item>) => {
    lines = lines.map((line) => (line.id === id ? { ...line, ...patch, version: line.version + 1 } : line));
  };
  for (const entry of entries) {
    switch (entry.name) {
      case "createItem":
        if (entry.page === page) lines.push(addedLine(entry));
        break;
      case "completeItem":
        change(target(entry), { state: "DONE" });
        break;
      case "reenterItem":
      case "restoreItem":
        change(target(entry), { state: "REENTERED" });
        if (entry.page === page) lines.push(addedLine(entry));
        break;
      case "editItem":
        change(target(entry), { text: String(entry.variables.text ?? "") });
        break;
      case "deleteItem":
        lines = lines.filter((line) => line.id !== target(entry));
        break;
      default:
        break;
    }
  }
  return lines;
}

/** The dismissed tasks with the pending restores and deletions taken out. */
export function pendingDismissed(items: readonly Item[], entries: readonly OutboxEntry[]): Item[] {
  const gone = new Set(
    entries.filter((e) => e.name === "restoreItem" || e.name === "deleteItem").map((e) => target(e)),
  );
  return items.filter((item) => !gone.has(item.id));
}

/** The user with the pages that pending additions open. */
export function pendingUser(user: User, entries: readonly OutboxEntry[]): User {
  const pages = Math.max(user.pages, ...entries.map((e) => e.page ?? 0));
  return pages === user.pages ? user : { ...user, pages };
}
