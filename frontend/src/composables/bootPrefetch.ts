import type { ApolloClient, TypedDocumentNode } from "@apollo/client/core";
import { DismissedCountDocument, ItemsDocument, UserDocument } from "@/graphql/generated";

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

/** The first screen's questions the server may answer in the page (autofocus/boot.py). */
const BOOT_DOCUMENTS = {
  User: UserDocument,
  DismissedCount: DismissedCountDocument,
  Items: ItemsDocument,
} as const;

interface BootAnswer {
  query: string;
  variables: Record<string, unknown>;
  data: unknown;
}

/**
 * Writes the answers the server put in the page (`<script id="boot-data">`) into the cache,
 * so that the first screen renders at once, with no round trip. The element is removed:
 * the data is read once. True when every answer was written; on anything unexpected the
 * cache is left as it was and the app asks the server as usual.
 */
export function primeFromPage(client: ApolloClient<unknown>, root: Document = document): boolean {
  const element = root.getElementById("boot-data");
  if (!element) return false;
  element.remove();
  let answers: BootAnswer[];
  try {
    answers = JSON.parse(element.textContent ?? "");
  } catch {
    return false;
  }
  if (!Array.isArray(answers) || answers.length === 0) return false;
  const known = (answer: BootAnswer) => typeof answer?.query === "string" && Object.prototype.hasOwnProperty.call(BOOT_DOCUMENTS, answer.query);
  if (!answers.every(known)) return false;
  for (const { query, variables, data } of answers) {
    const document = BOOT_DOCUMENTS[query as keyof typeof BOOT_DOCUMENTS];
    client.writeQuery({ query: document as TypedDocumentNode<unknown, Record<string, unknown>>, variables, data });
  }
  return true;
}
