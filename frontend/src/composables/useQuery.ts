import { computed, isRef, markRaw, ref, toValue, watch } from "vue";
import { useApolloClient, useQuery as useApolloQuery } from "@vue/apollo-composable";
import { bootAnswer } from "./bootPrefetch";

type Options = { enabled?: boolean } & Record<string, unknown>;

/**
 * Vue Apollo's `useQuery`, with two changes.
 *
 * - Until the app's Apollo client has loaded (apolloClients.ts) and the query has started,
 *   its result is the page's own answer to it (bootPrefetch.ts) when the page brought one,
 *   or else it is loading. The client then starts it from its cache, where the same answers
 *   have been written, so the screen shows the same thing.
 * - The document is kept out of Vue's reactivity. Given a plain document, Vue Apollo keeps it
 *   in a `ref`, which hands Apollo a deep reactive proxy of it instead of the document itself.
 *   Apollo caches its work per document object (the document transforms, and each read's
 *   result per selection set), so a proxy missed every cache: each read of the list walked
 *   its 25 lines again, through the proxy's traps. Marked raw, the document is passed as it is.
 */
export const useQuery = ((document: unknown, variables?: unknown, options?: unknown) => {
  const raw = document && typeof document === "object" && !isRef(document) ? markRaw(document) : document;
  const { resolveClient } = useApolloClient();
  const loaded = computed(() => {
    try {
      return !!resolveClient();
    } catch {
      return false;
    }
  });
  const given = () => (toValue(options as Options | (() => Options) | undefined) ?? {}) as Options;
  const wanted = () => given().enabled ?? true;
  const query = (useApolloQuery as (...args: unknown[]) => ReturnType<typeof useApolloQuery>)(raw, variables, () => ({
    ...given(),
    enabled: loaded.value && wanted(),
  }));
  // The page's answer stands in until the client's query has started (Vue Apollo starts it a
  // tick after it is enabled, and then reads the cache at once), never after, and never for a
  // query made once the client was there.
  const taken = ref(loaded.value);
  watch(
    () => query.query.value,
    (started) => {
      if (started) taken.value = true;
    },
    { flush: "sync" },
  );
  const early = computed(() =>
    taken.value || !wanted() ? undefined : bootAnswer(raw, toValue(variables as Record<string, unknown> | undefined)),
  );
  return {
    ...query,
    result: computed(() => query.result.value ?? early.value),
    loading: computed(() => query.loading.value || (!taken.value && wanted() && early.value === undefined)),
  };
}) as unknown as typeof useApolloQuery;
