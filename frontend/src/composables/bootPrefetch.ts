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

type BootDocument = TypedDocumentNode<unknown, Record<string, unknown>>;

/** The page's answers (readBootData); the queries made before the client use them (useQuery). */
let fromPage: { query: BootDocument; variables: Record<string, unknown>; data: unknown }[] = [];
/** Whether they are in the client's cache (primeFromPage). */
let written = false;

/**
 * Reads the answers the server put in the page (`<script id="boot-data">`): the first screen
 * renders from them at once (useQuery.ts), with no round trip and before Apollo Client has
 * loaded, and they are then written into its cache (primeFromPage). The element is removed:
 * the data is read once. True when every answer was understood; on anything unexpected none
 * is kept and the app asks the server as usual.
 */
export function readBootData(root: Document = document): boolean {
  fromPage = [];
  written = false;
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
  fromPage = answers.map(({ query, variables, data }) => ({
    query: BOOT_DOCUMENTS[query as keyof typeof BOOT_DOCUMENTS] as BootDocument,
    variables: variables ?? {},
    data,
  }));
  return true;
}

function sameVariables(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The page's answer to a question (undefined when it brought none). */
export function bootAnswer(query: unknown, variables: Record<string, unknown> | null | undefined): unknown {
  return fromPage.find((answer) => answer.query === query && sameVariables(answer.variables, variables ?? {}))?.data;
}

/**
 * Writes the page's answers into the client's cache, where the first screen's queries then
 * find them; once. False when there were none (or they were written already).
 */
export function primeFromPage(client: ApolloClient<unknown>): boolean {
  if (fromPage.length === 0 || written) return false;
  written = true;
  primed = fromPage.map(({ query, variables }) => ({ query, variables }));
  for (const { query, variables, data } of fromPage) client.writeQuery({ query, variables, data });
  return true;
}

let primed: { query: BootDocument; variables: Record<string, unknown> }[] = [];

/**
 * Asks the cache, once, each question whose answer primeFromPage wrote, one question per call
 * (the caller gives each a task of its own). The client prepares a document the first time it
 * is asked (about half the cost of a first question): done here, the first render finds it
 * ready. False when none is left.
 */
export function readPrimedOnce(client: ApolloClient<unknown>): boolean {
  const next = primed.shift();
  if (!next) return false;
  client.query({ ...next, fetchPolicy: "cache-only" }).catch(() => undefined);
  return true;
}
