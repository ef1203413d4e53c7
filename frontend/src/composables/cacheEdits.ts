import type { ApolloCache } from "@apollo/client/core";
import { ItemsDocument, type ItemFieldsFragment, type UserFieldsFragment } from "@/graphql/generated";

type Item = ItemFieldsFragment;
export type { UserFieldsFragment };

/** Puts a new item at the end of its page's cached list (when that page is cached). */
export function appendToPage(cache: ApolloCache<unknown>, item: Item): void {
  cache.updateQuery({ query: ItemsDocument, variables: { page: item.page } }, (data) =>
    data ? { items: [...data.items.filter((i) => i.id !== item.id), item] } : undefined,
  );
}

export function setState(cache: ApolloCache<unknown>, id: string, state: Item["state"]): void {
  cache.modify({
    id: cache.identify({ __typename: "Item", id }),
    fields: { state: () => state },
  });
}

export function dropFromLists(cache: ApolloCache<unknown>, id: string, fields: string[]): void {
  const drop = (refs: readonly unknown[], { readField }: { readField: (f: string, r: never) => unknown }) =>
    refs.filter((ref) => readField("id", ref as never) !== id);
  cache.modify({
    fields: Object.fromEntries(fields.map((f) => [f, drop])) as never,
  });
}

/**
 * Forgets every cached page and the review list, after changes that can move many
 * items at once (moving on, undo, a new page size): watched lists reload from the
 * server, and pages looked at later are never shown stale.
 */
/** One task fewer waits for review (restored or deleted from the review list). */
export function countOneReviewed(cache: ApolloCache<unknown>): void {
  cache.modify({
    id: "ROOT_QUERY",
    fields: { dismissedCount: (count: number) => Math.max(0, count - 1) },
  });
}

export function evictLists(cache: ApolloCache<unknown>): void {
  cache.evict({ id: "ROOT_QUERY", fieldName: "items" });
  cache.evict({ id: "ROOT_QUERY", fieldName: "dismissedItems" });
  cache.evict({ id: "ROOT_QUERY", fieldName: "dismissedCount" });
  cache.gc();
}
