import { isRef, markRaw } from "vue";
import { useQuery as useApolloQuery } from "@vue/apollo-composable";

/**
 * Vue Apollo's `useQuery`, with the document kept out of Vue's reactivity. Given a plain
 * document, Vue Apollo keeps it in a `ref`, which hands Apollo a deep reactive proxy of it
 * instead of the document itself. Apollo caches its work per document object (the document
 * transforms, and each read's result per selection set), so a proxy missed every cache: each
 * read of the list walked its 25 lines again, through the proxy's traps. Marked raw, the
 * document is passed as it is.
 */
export const useQuery = ((document: unknown, ...rest: unknown[]) =>
  (useApolloQuery as (...args: unknown[]) => unknown)(
    document && typeof document === "object" && !isRef(document) ? markRaw(document) : document,
    ...rest,
  )) as typeof useApolloQuery;
