import { ref, watch, type Ref } from "vue";
import { useClientHolder, whenLoaded } from "./apolloClients";
import { SearchItemsDocument } from "@/graphql/generated";
import type { Item } from "./useFocus";
import { errorCode, type ErrorCode } from "./errors";

/** Searches the list as the query changes (after a short pause); the last answer wins. */
export function useSearch(query: Ref<string>, delay = 200) {
  const holder = useClientHolder();
  const results = ref<Item[]>([]);
  const searched = ref("");
  const failed = ref<ErrorCode | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  async function search(text: string): Promise<void> {
    const ticket = ++asked;
    try {
      const client = await whenLoaded(holder);
      const result = await client.query({
        query: SearchItemsDocument,
        variables: { query: text },
        fetchPolicy: "network-only",
      });
      if (ticket !== asked) return;
      results.value = result.data.searchItems;
      searched.value = text;
      failed.value = null;
    } catch (error) {
      if (ticket === asked) failed.value = errorCode(error);
    }
  }

  watch(query, (text) => {
    clearTimeout(timer);
    const trimmed = text.trim();
    if (!trimmed) {
      asked += 1;
      results.value = [];
      searched.value = "";
      return;
    }
    timer = setTimeout(() => void search(trimmed), delay);
  });

  return { results, searched, failed };
}
