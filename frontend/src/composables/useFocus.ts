import { computed, watch } from "vue";
import type { ApolloCache } from "@apollo/client/core";
import { useApolloClient, useQuery } from "@vue/apollo-composable";
import { useI18n } from "vue-i18n";
import {
  CompleteItemDocument,
  CreateItemDocument,
  DeleteItemDocument,
  EditItemDocument,
  ItemsDocument,
  LogoutDocument,
  NextPageDocument,
  ReenterItemDocument,
  RequestLoginLinkDocument,
  RestoreItemDocument,
  UndoDocument,
  UpdateSettingsDocument,
  UserDocument,
  type ItemFieldsFragment,
  type UserFieldsFragment,
} from "@/graphql/generated";
import { errorCode, type ErrorCode } from "./errors";
import { notify } from "./useNotices";
import { actedBefore, markActed, resetActed, restoreActed, syncArrival } from "./useArrival";
import { forgetSnapshot } from "./offlineSnapshot";
import { browserTimeZone } from "./timeZone";

export type Item = ItemFieldsFragment;
export type User = UserFieldsFragment;

export function useUser() {
  const { result, loading, refetch, error } = useQuery(UserDocument);
  const user = computed<User | null>(() => result.value?.user ?? null);
  const known = computed(() => result.value !== undefined);
  watch(user, (u) => u && syncArrival(u.email, u.page), { immediate: true });
  return { user, known, loading, error, refetch };
}

let temporaryId = 0;
function optimisticCopy(item: Item, user: User): Item {
  temporaryId += 1;
  return {
    ...item,
    __typename: "Item",
    id: `optimistic-${temporaryId}`,
    state: "ACTIVE",
    repeats: item.repeats + 1,
    position: Number.MAX_SAFE_INTEGER,
    page: user.pages,
  };
}

function withTypename(user: User): User {
  return { ...user, __typename: "User" };
}

/** Puts a new item at the end of its page's cached list (when that page is cached). */
export function appendToPage(cache: ApolloCache<unknown>, item: Item): void {
  cache.updateQuery({ query: ItemsDocument, variables: { page: item.page } }, (data) =>
    data ? { items: [...data.items.filter((i) => i.id !== item.id), item] } : undefined,
  );
}

function setState(cache: ApolloCache<unknown>, id: string, state: Item["state"]): void {
  cache.modify({
    id: cache.identify({ __typename: "Item", id }),
    fields: { state: () => state },
  });
}

function dropFromLists(cache: ApolloCache<unknown>, id: string, fields: string[]): void {
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
export function evictLists(cache: ApolloCache<unknown>): void {
  cache.evict({ id: "ROOT_QUERY", fieldName: "items" });
  cache.evict({ id: "ROOT_QUERY", fieldName: "dismissedItems" });
  cache.gc();
}

/** Every change to the list, applied at once and rolled back with a message if refused. */
export function useActions() {
  const { resolveClient } = useApolloClient();
  const { t } = useI18n();

  function explain(code: ErrorCode, text?: string): string {
    const reason = t(`errors.${code}`);
    return text ? `${t("errors.rolledBack", { text })} ${reason}` : reason;
  }

  function report(error: unknown, text?: string, overrides: Partial<Record<ErrorCode, string>> = {}): ErrorCode {
    const code = errorCode(error);
    notify(overrides[code] ?? explain(code, text), "error");
    const client = resolveClient();
    if (code === "UNAUTHENTICATED") {
      void client.refetchQueries({ include: [UserDocument] }).catch(() => undefined);
    } else if (code === "NOT_FOUND" || code === "CONFLICT") {
      void client.refetchQueries({ include: "active" }).catch(() => undefined);
    }
    return code;
  }

  async function complete(item: Item, user: User): Promise<boolean> {
    // The click counts at once: a "Nothing stands out" pressed right after it must not
    // warn about a dismissal that the server, which takes mutations in order, will not do.
    const acted = actedBefore();
    markActed(item.page, user.page);
    try {
      await resolveClient().mutate({
        mutation: CompleteItemDocument,
        variables: { id: item.id },
        optimisticResponse: {
          completeItem: {
            __typename: "ItemPayload",
            item: { ...item, __typename: "Item", state: "DONE" },
            user: withTypename(user),
          },
        },
      });
      return true;
    } catch (error) {
      restoreActed(acted);
      report(error, item.text);
      return false;
    }
  }

  async function reenter(item: Item, user: User): Promise<boolean> {
    // Counts at once, as in complete().
    const acted = actedBefore();
    markActed(item.page, user.page);
    try {
      await resolveClient().mutate({
        mutation: ReenterItemDocument,
        variables: { id: item.id },
        optimisticResponse: {
          reenterItem: { __typename: "ItemPayload", item: optimisticCopy(item, user), user: withTypename(user) },
        },
        update(cache, { data }) {
          setState(cache, item.id, "REENTERED");
          if (data?.reenterItem) appendToPage(cache, data.reenterItem.item);
        },
        refetchQueries: ["Items"],
      });
      return true;
    } catch (error) {
      restoreActed(acted);
      report(error, item.text);
      return false;
    }
  }

  async function restore(item: Item, user: User): Promise<boolean> {
    try {
      await resolveClient().mutate({
        mutation: RestoreItemDocument,
        variables: { id: item.id },
        optimisticResponse: {
          restoreItem: { __typename: "ItemPayload", item: optimisticCopy(item, user), user: withTypename(user) },
        },
        update(cache, { data }) {
          setState(cache, item.id, "REENTERED");
          dropFromLists(cache, item.id, ["dismissedItems"]);
          if (data?.restoreItem) appendToPage(cache, data.restoreItem.item);
        },
        refetchQueries: ["Items", "DismissedItems"],
      });
      notify(t("notice.restored", { text: item.text }));
      return true;
    } catch (error) {
      report(error, item.text);
      return false;
    }
  }

  async function edit(item: Item, text: string, user: User): Promise<boolean> {
    try {
      await resolveClient().mutate({
        mutation: EditItemDocument,
        variables: { id: item.id, text },
        optimisticResponse: {
          editItem: {
            __typename: "ItemPayload",
            item: { ...item, __typename: "Item", text },
            user: withTypename(user),
          },
        },
      });
      return true;
    } catch (error) {
      report(error, item.text);
      return false;
    }
  }

  async function remove(item: Item, user: User): Promise<boolean> {
    try {
      await resolveClient().mutate({
        mutation: DeleteItemDocument,
        variables: { id: item.id },
        optimisticResponse: { deleteItem: { __typename: "DeletePayload", ok: true, user: withTypename(user) } },
        update(cache) {
          dropFromLists(cache, item.id, ["dismissedItems", "items"]);
        },
      });
      notify(t("notice.deleted", { text: item.text }));
      return true;
    } catch (error) {
      report(error, item.text);
      return false;
    }
  }

  /** Adds a task at the end; returns the created item (null when refused). */
  async function create(text: string, user: User): Promise<Item | null> {
    const client = resolveClient();
    const last = client.readQuery({ query: ItemsDocument, variables: { page: user.pages } });
    const page = last && last.items.length >= user.pageSize ? user.pages + 1 : user.pages;
    temporaryId += 1;
    try {
      const result = await client.mutate({
        mutation: CreateItemDocument,
        variables: { text },
        optimisticResponse: {
          createItem: {
            __typename: "ItemPayload",
            item: {
              __typename: "Item",
              id: `optimistic-${temporaryId}`,
              text,
              state: "ACTIVE",
              repeats: 0,
              position: Number.MAX_SAFE_INTEGER,
              page,
              createdAt: new Date().toISOString(),
            },
            user: withTypename({ ...user, pages: Math.max(user.pages, page) }),
          },
        },
        update(cache, { data }) {
          if (data?.createItem) appendToPage(cache, data.createItem.item);
        },
      });
      return result.data?.createItem?.item ?? null;
    } catch (error) {
      report(error, text);
      return null;
    }
  }

  /** "Nothing stands out": returns how many tasks were dismissed, or null when refused. */
  async function nextPage(): Promise<number | null> {
    try {
      const result = await resolveClient().mutate({
        mutation: NextPageDocument,
        update: evictLists,
      });
      const payload = result.data?.nextPage;
      if (!payload) return null;
      resetActed();
      notify(`${t("notice.moved", { page: payload.user.page })} ${t("notice.dismissed", payload.dismissed)}`);
      return payload.dismissed;
    } catch (error) {
      report(error);
      return null;
    }
  }

  async function undo(): Promise<boolean> {
    try {
      await resolveClient().mutate({ mutation: UndoDocument, update: evictLists });
      resetActed();
      notify(t("notice.undone"));
      return true;
    } catch (error) {
      report(error, undefined, { CONFLICT: t("errors.nothingToUndo") });
      return false;
    }
  }

  async function updateSettings(pageSize: number, language: string): Promise<boolean> {
    try {
      await resolveClient().mutate({
        mutation: UpdateSettingsDocument,
        variables: { pageSize, language },
        update: evictLists,
      });
      resetActed();
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  /** Signs in or asks for a link; "signedIn" | "emailed" | null when refused. */
  async function signIn(email: string): Promise<"signedIn" | "emailed" | null> {
    const client = resolveClient();
    try {
      const result = await client.mutate({ mutation: RequestLoginLinkDocument, variables: { email, timeZone: browserTimeZone() } });
      const payload = result.data?.requestLoginLink;
      if (!payload) return null;
      if (payload.signedIn && payload.user) {
        client.writeQuery({ query: UserDocument, data: { user: payload.user } });
        return "signedIn";
      }
      return "emailed";
    } catch (error) {
      report(error, undefined, { BAD_USER_INPUT: t("signIn.invalid") });
      return null;
    }
  }

  async function signOut(): Promise<boolean> {
    const client = resolveClient();
    try {
      await client.mutate({ mutation: LogoutDocument });
      forgetSnapshot();
      await client.clearStore();
      client.writeQuery({ query: UserDocument, data: { user: null } });
      notify(t("notice.signedOut"));
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  return { complete, reenter, restore, edit, remove, create, nextPage, undo, updateSettings, signIn, signOut, report };
}
