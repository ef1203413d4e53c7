import type { ItemFieldsFragment, UserFieldsFragment } from "@/graphql/generated";

/**
 * The list's types. Each job has its own module:
 * - `cacheEdits.ts`: edits of the Apollo cache;
 * - `useListActions.ts`: the list actions, through the durable outbox (`outbox.ts`), shown
 *   on top of the last list seen (`pending.ts`);
 * - `useAccount.ts`: who is signed in, signing in and out.
 */
export type Item = ItemFieldsFragment;
export type User = UserFieldsFragment;

export { appendToPage, evictLists } from "./cacheEdits";
