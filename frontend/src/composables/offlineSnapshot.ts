import type { ApolloClient } from "@apollo/client/core";
import { DismissedCountDocument, DismissedItemsDocument, ItemsDocument, UserDocument } from "@/graphql/generated";
import type { Item, User } from "./useFocus";

/**
 * The last list this browser saw, kept in localStorage so that the app opened without a
 * connection still shows it (read-only until the server answers again). It is shown only
 * when the server cannot be reached, and removed at sign-out or when the server says
 * nobody is signed in.
 */
const KEY = "autofocus.snapshot";

export interface Snapshot {
  user: User;
  pages: Record<string, Item[]>;
  dismissed: Item[] | null;
  dismissedCount?: number | null;
}

// The cache names a page's field `items:{"page":3}` (keyArgs) or `items({"page":3})`.
const PAGE_FIELD = /^items(?::|\()\{"page":(\d+)\}\)?$/;

/** The page numbers whose items the cache holds, in order. */
export function cachedPages(client: ApolloClient<unknown>): number[] {
  const root = (client.cache.extract() as Record<string, Record<string, unknown> | undefined>).ROOT_QUERY ?? {};
  return Object.keys(root)
    .map((field) => PAGE_FIELD.exec(field)?.[1])
    .filter((page): page is string => page !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function takeSnapshot(client: ApolloClient<unknown>): Snapshot | null {
  const user = client.readQuery({ query: UserDocument })?.user;
  if (!user) return null;
  const pages: Record<string, Item[]> = {};
  // Only the pages this browser has read: a long list has thousands, and asking the cache for
  // each of them after every change would stall the page.
  for (const page of cachedPages(client)) {
    if (page > user.pages) continue;
    const data = client.readQuery({ query: ItemsDocument, variables: { page } });
    if (data) pages[page] = data.items.filter((i) => !i.id.startsWith("optimistic-"));
  }
  const dismissed = client.readQuery({ query: DismissedItemsDocument })?.dismissedItems ?? null;
  const dismissedCount = client.readQuery({ query: DismissedCountDocument })?.dismissedCount ?? null;
  return { user, pages, dismissed, dismissedCount };
}

export function saveSnapshot(client: ApolloClient<unknown>): void {
  try {
    const user = client.readQuery({ query: UserDocument });
    if (user && user.user === null) {
      localStorage.removeItem(KEY);
      return;
    }
    const snapshot = takeSnapshot(client);
    if (snapshot) localStorage.setItem(KEY, JSON.stringify(snapshot));
  } catch {
    /* storage full or unavailable: the app simply will not open offline */
  }
}

export function forgetSnapshot(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing to forget */
  }
}

/** Shows the saved list when nothing is known yet; returns whether it did. */
export function restoreSnapshot(client: ApolloClient<unknown>): boolean {
  let snapshot: Snapshot;
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return false;
    snapshot = JSON.parse(raw) as Snapshot;
  } catch {
    return false;
  }
  if (client.readQuery({ query: UserDocument }) !== null) return false;
  for (const [page, items] of Object.entries(snapshot.pages)) {
    client.writeQuery({ query: ItemsDocument, variables: { page: Number(page) }, data: { items } });
  }
  if (snapshot.dismissed) {
    client.writeQuery({ query: DismissedItemsDocument, data: { dismissedItems: snapshot.dismissed } });
  }
  if (typeof snapshot.dismissedCount === "number") {
    client.writeQuery({ query: DismissedCountDocument, data: { dismissedCount: snapshot.dismissedCount } });
  }
  client.writeQuery({ query: UserDocument, data: { user: snapshot.user } });
  return true;
}
