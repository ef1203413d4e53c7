import { computed, watch, type Ref } from "vue";
import type { ApolloCache, ApolloClient } from "@apollo/client/core";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { useClientHolder, whenLoaded, type ClientHolder } from "./apolloClients";
import { bootAnswer } from "./bootPrefetch";
import { accountQuery } from "./accountQuery";
import { useI18n } from "vue-i18n";
import {
  CompleteItemDocument,
  CreateItemDocument,
  DeleteItemDocument,
  EditItemDocument,
  ItemsDocument,
  NextPageDocument,
  ReenterItemDocument,
  RestoreItemDocument,
  UndoDocument,
  UpdateSettingsDocument,
  UserDocument,
  type CreateItemMutation,
  type ItemsQuery,
  type ItemFieldsFragment,
  type NextPageMutation,
  type ReenterItemMutation,
  type RestoreItemMutation,
  type UserFieldsFragment,
} from "@/graphql/generated";
import { appendToPage, countOneReviewed, dropFromLists, evictLists, setState } from "./cacheEdits";
import { errorCode, type ErrorCode } from "./errors";
import { notify } from "./useNotices";
import { actedBefore, markActed, resetActed, restoreActed } from "./useArrival";
import { newActionId, Outbox, tabId, type ActionName, type OutboxEntry, type SendOutcome } from "./outbox";
import { pendingDismissed, pendingItems, pendingUser } from "./pending";
import { accountState } from "./accountState";
import { conflictOf, openEditConflict, type EditConflict } from "./editConflict";

type Item = ItemFieldsFragment;
type User = UserFieldsFragment;
type Translate = (key: string, ...args: unknown[]) => string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table for documents of every shape
const DOCUMENTS: Record<ActionName, TypedDocumentNode<any, any>> = {
  createItem: CreateItemDocument,
  completeItem: CompleteItemDocument,
  reenterItem: ReenterItemDocument,
  restoreItem: RestoreItemDocument,
  editItem: EditItemDocument,
  deleteItem: DeleteItemDocument,
  nextPage: NextPageDocument,
  undo: UndoDocument,
  updateSettings: UpdateSettingsDocument,
};

/** Explains a refusal, naming the task when there is one. */
export function refusalMessage(t: Translate, code: ErrorCode, entry: Pick<OutboxEntry, "name" | "text">): string {
  if (entry.name === "undo" && code === "CONFLICT") return t("errors.nothingToUndo");
  const reason = t(`errors.${code}`);
  return entry.text ? `${t("errors.rolledBack", { text: entry.text })} ${reason}` : reason;
}

/** Puts the server's answer to an action into this tab's cache. */
export function applyAnswer(cache: ApolloCache<unknown>, entry: OutboxEntry, data: unknown): void {
  cache.write({
    dataId: "ROOT_MUTATION",
    query: DOCUMENTS[entry.name],
    variables: { ...entry.variables, actionId: entry.id },
    result: data as Record<string, unknown>,
  });
  const id = String(entry.variables.id ?? "");
  switch (entry.name) {
    case "createItem":
      appendToPage(cache, (data as CreateItemMutation).createItem!.item);
      break;
    case "reenterItem":
      setState(cache, id, "REENTERED");
      appendToPage(cache, (data as ReenterItemMutation).reenterItem!.item);
      break;
    case "restoreItem":
      setState(cache, id, "REENTERED");
      dropFromLists(cache, id, ["dismissedItems"]);
      countOneReviewed(cache);
      appendToPage(cache, (data as RestoreItemMutation).restoreItem!.item);
      break;
    case "deleteItem":
      dropFromLists(cache, id, ["dismissedItems", "items"]);
      if ((entry.item as Item | undefined)?.state === "DISMISSED") countOneReviewed(cache);
      break;
    case "nextPage":
    case "undo":
    case "updateSettings":
      evictLists(cache);
      break;
    default:
      break;
  }
}

interface ListOutbox {
  outbox: Outbox;
  translate: { t: Translate };
}

const outboxes = new WeakMap<ClientHolder, ListOutbox>();

/** Runs `use` with the client: at once when it has loaded, else as soon as it has. */
function withClient(holder: ClientHolder, use: (client: ApolloClient<unknown>) => void): void {
  if (holder.default) use(holder.default);
  else void whenLoaded(holder).then(use);
}

// Edits refused because the task changed elsewhere, by action id: the saved text and version
// the refusal carried, so that the person can choose between the two texts.
const editConflicts = new Map<string, Pick<EditConflict, "currentText" | "currentVersion">>();

/** The outbox of an app (its client's holder), sending through its client once loaded. */
export function listOutbox(holder: ClientHolder): ListOutbox {
  const known = outboxes.get(holder);
  if (known) return known;
  const translate = { t: ((key: string) => key) as Translate };
  const outbox = new Outbox({
    async send(entry, signal): Promise<SendOutcome> {
      const client = await whenLoaded(holder);
      for (;;) {
        try {
          const result = await client.mutate({
            mutation: DOCUMENTS[entry.name],
            variables: { ...entry.variables, actionId: entry.id },
            fetchPolicy: "no-cache",
            context: { fetchOptions: { signal } },
          });
          return { kind: "done", data: result.data };
        } catch (error) {
          if (signal.aborted) return { kind: "signedOut" };
          const code = errorCode(error);
          if (code === "UNAUTHENTICATED") return { kind: "signedOut" };
          const conflict = entry.name === "editItem" ? conflictOf(error) : null;
          if (conflict) editConflicts.set(entry.id, conflict);
          if (code !== "NETWORK") return { kind: "refused", code };
          // Not retried by the link (the browser gave up): try again shortly, same id.
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
    },
    done(entry, data) {
      withClient(holder, (client) => applyAnswer(client.cache, entry, data));
      if (entry.tab !== tabId) return;
      const { t } = translate;
      if (entry.name === "nextPage") {
        const payload = (data as NextPageMutation).nextPage!;
        resetActed();
        notify(`${t("notice.moved", { page: payload.user.page })} ${t("notice.dismissed", payload.dismissed)}`);
      } else if (entry.name === "undo") {
        resetActed();
        notify(t("notice.undone"));
      } else if (entry.name === "updateSettings") {
        resetActed();
      }
    },
    refused(entry, code) {
      if (entry.tab === tabId && entry.acted !== undefined) restoreActed(entry.acted);
      const conflict = editConflicts.get(entry.id);
      editConflicts.delete(entry.id);
      const item = entry.item as Item | undefined;
      if (conflict && item) {
        openEditConflict({ item, mine: String(entry.variables.text ?? ""), ...conflict });
        withClient(holder, (client) => void client.refetchQueries({ include: "active" }).catch(() => undefined));
        return;
      }
      notify(refusalMessage(translate.t, code as ErrorCode, entry), "error");
      withClient(holder, (client) => void client.refetchQueries({ include: "active" }).catch(() => undefined));
    },
    signedOut() {
      withClient(holder, (client) => void client.refetchQueries({ include: [UserDocument] }).catch(() => undefined));
    },
  });
  const made = { outbox, translate };
  outboxes.set(holder, made);
  return made;
}

/**
 * Every change to the list: shown at once, kept in the outbox until the server has it,
 * and explained when the server refuses it. Components call these without the user.
 */
export function useListActions() {
  const holder = useClientHolder();
  const { t } = useI18n();
  const { outbox, translate } = listOutbox(holder);
  translate.t = t as Translate;
  const { result: userResult } = accountQuery(holder);
  // The outbox of whoever is signed in sends as soon as the account is known.
  watch(
    () =>
      accountState.signedOut ? null : userResult.value === undefined ? undefined : (userResult.value.user?.email ?? null),
    (email) => {
      if (email) void outbox.open(email);
      else if (email === null) outbox.close();
    },
    { immediate: true },
  );

  function currentUser(): User | null {
    if (accountState.signedOut) return null;
    const user = userResult.value?.user ?? holder.default?.readQuery({ query: UserDocument })?.user ?? null;
    return user ? pendingUser(user, outbox.entries.value) : null;
  }

  /** Stores one action (with its id) and sends it in turn; resolves with the answer. */
  function act(name: ActionName, variables: Record<string, unknown>, extra: Partial<OutboxEntry> = {}): Promise<SendOutcome> | null {
    const user = currentUser();
    if (!user) return null;
    return outbox.add({
      id: newActionId(),
      account: user.email,
      name,
      variables,
      tab: tabId,
      at: Date.now(),
      ...extra,
    });
  }

  /** The page a line added now lands on: the last one, or a new one when it is full. */
  function landingPage(user: User): number {
    const variables = { page: user.pages };
    // Before the client has loaded, the page's own answer (when the last page is the one shown).
    const last = holder.default
      ? holder.default.readQuery({ query: ItemsDocument, variables })
      : ((bootAnswer(ItemsDocument, variables) as ItemsQuery | undefined) ?? null);
    const lines = last ? pendingItems(last.items, user.pages, outbox.entries.value) : [];
    return lines.length >= user.pageSize ? user.pages + 1 : user.pages;
  }

  /** Crosses a line out as done; counts as acting on the page at once. */
  function complete(item: Item): void {
    const user = currentUser();
    if (!user) return;
    const acted = actedBefore();
    markActed(item.page, user.page);
    void act("completeItem", { id: item.id }, { text: item.text, acted });
  }

  function reenter(item: Item): void {
    const user = currentUser();
    if (!user) return;
    const acted = actedBefore();
    markActed(item.page, user.page);
    void act("reenterItem", { id: item.id }, { text: item.text, page: landingPage(user), repeats: item.repeats + 1, acted });
  }

  function restore(item: Item): void {
    const user = currentUser();
    if (!user) return;
    void act("restoreItem", { id: item.id }, { text: item.text, page: landingPage(user), repeats: item.repeats + 1 });
    notify(t("notice.restored", { text: item.text }));
  }

  /** Changes a task's text; the version shown goes along, so an edit made elsewhere since
   * is not overwritten silently (the server refuses it and the person chooses). */
  async function edit(item: Item, text: string): Promise<boolean> {
    const outcome = await act("editItem", { id: item.id, text, version: item.version }, { text: item.text, item });
    return outcome?.kind === "done";
  }

  function remove(item: Item): void {
    void act("deleteItem", { id: item.id }, { text: item.text, item });
    notify(t("notice.deleted", { text: item.text }));
  }

  /** Adds a task at the end; returns the page it lands on (null when signed out). */
  function create(text: string): number | null {
    const user = currentUser();
    if (!user) return null;
    const page = landingPage(user);
    void act("createItem", { text }, { text, page });
    return page;
  }

  /** "Nothing stands out": resolves with how many tasks were dismissed, or null when refused. */
  async function nextPage(): Promise<number | null> {
    const outcome = await act("nextPage", {});
    return outcome?.kind === "done" ? (outcome.data as NextPageMutation).nextPage!.dismissed : null;
  }

  async function undo(): Promise<boolean> {
    const outcome = await act("undo", {});
    return outcome?.kind === "done";
  }

  async function updateSettings(pageSize: number, language: string): Promise<boolean> {
    const outcome = await act("updateSettings", { pageSize, language });
    return outcome?.kind === "done";
  }

  /** A list could not be loaded: say why (a refetch follows a lost session). */
  function reportLoadError(error: unknown): void {
    const code = errorCode(error);
    notify(t(`errors.${code}`), "error");
    if (code === "UNAUTHENTICATED") withClient(holder, (client) => void client.refetchQueries({ include: [UserDocument] }).catch(() => undefined));
  }

  const entries = outbox.entries;
  const pendingCount = computed(() => entries.value.length);

  return {
    complete,
    reenter,
    restore,
    edit,
    remove,
    create,
    nextPage,
    undo,
    updateSettings,
    pendingCount,
    reportLoadError,
    /** A page's lines as the person left them (pending actions applied). */
    withPending: (items: Ref<readonly Item[]>, page: Ref<number>) =>
      computed(() => pendingItems(items.value, page.value, entries.value)),
    dismissedWithPending: (items: Ref<readonly Item[]>) => computed(() => pendingDismissed(items.value, entries.value)),
  };
}
