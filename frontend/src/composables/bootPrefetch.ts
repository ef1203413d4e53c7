import type { ApolloClient } from "@apollo/client/core";
import { ItemsDocument } from "@/graphql/generated";

/**
 * Asks for the working page's items at start, beside the question of who is signed in,
 * instead of after it: the server writes the working page's number into the mount point
 * (`data-page`), so the list does not wait for two round trips. The list's own query then
 * finds the answer in flight or in the cache. Only on the list itself ("/" without ?page=).
 */
let prefetched: number | null = null;

export function prefetchWorkingPage(client: ApolloClient<unknown>, root: Document = document): boolean {
  const mount = root.getElementById("app");
  const page = Number(mount?.dataset.page);
  const location = root.defaultView?.location;
  if (!Number.isInteger(page) || page < 1 || location?.pathname !== "/" || location.search.includes("page=")) return false;
  prefetched = page;
  client.query({ query: ItemsDocument, variables: { page } }).catch(() => undefined);
  return true;
}

/**
 * Whether `page` is the one just asked for at start (once): the list then reads it from the
 * cache (or the request in flight) instead of asking the server a second time.
 */
export function takePrefetchedPage(page: number): boolean {
  const taken = prefetched === page;
  prefetched = null;
  return taken;
}
