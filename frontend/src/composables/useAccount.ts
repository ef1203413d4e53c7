import { computed, watch } from "vue";
import { useClientHolder, whenLoaded, type ClientHolder } from "./apolloClients";
import { useI18n } from "vue-i18n";
import { DeleteAccountDocument, LogoutDocument, RequestLoginLinkDocument, UserDocument } from "@/graphql/generated";
import { errorCode } from "./errors";
import { notify } from "./useNotices";
import { forgetArrival, syncArrival } from "./useArrival";
import { forgetSnapshot } from "./offlineSnapshot";
import { listOutbox } from "./useListActions";
import { pendingUser } from "./pending";
import { accountState } from "./accountState";
import { accountQuery } from "./accountQuery";
import { browserTimeZone } from "./timeZone";

/**
 * Who is signed in, and signing in and out, in step across the tabs of this browser:
 * signing out in one tab shows the sign-in form in every tab at once, and signing in in
 * one tab signs the others in.
 */
type AccountMessage = { type: "signedOut" } | { type: "signedIn"; email: string };

const synced = new WeakMap<ClientHolder, (message: AccountMessage) => void>();

/** Forgets what this browser keeps of the list: the outbox, the snapshot, the arrival. */
async function forgetStored(holder: ClientHolder, email: string | null): Promise<void> {
  accountState.signedOut = true;
  const { outbox } = listOutbox(holder);
  outbox.close();
  forgetSnapshot();
  forgetArrival();
  if (email) await outbox.clear(email);
}

/** Empties the Apollo cache, leaving "nobody is signed in". */
async function forgetCache(holder: ClientHolder): Promise<void> {
  const client = await whenLoaded(holder);
  await client.clearStore();
  client.writeQuery({ query: UserDocument, data: { user: null } });
  forgetSnapshot();
}

/** Joins the tabs' account channel once per app; returns how to tell the others. */
function accountSync(holder: ClientHolder): (message: AccountMessage) => void {
  const known = synced.get(holder);
  if (known) return known;
  const channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel("autofocus-account") : null;
  channel?.addEventListener("message", (event: MessageEvent<AccountMessage>) => {
    const current = accountQuery(holder).result.value?.user ?? null;
    if (event.data.type === "signedOut") {
      void forgetStored(holder, null).then(() => forgetCache(holder));
    } else if (accountState.signedOut || current?.email !== event.data.email) {
      accountState.signedOut = false;
      void whenLoaded(holder).then((client) => client.resetStore().catch(() => undefined));
    }
  });
  const post = (message: AccountMessage) => channel?.postMessage(message);
  synced.set(holder, post);
  return post;
}

export function useAccount() {
  const holder = useClientHolder();
  const { t } = useI18n();
  const { outbox } = listOutbox(holder);
  const tell = accountSync(holder);
  const { result, loading, refetch, error } = accountQuery(holder);
  const serverUser = computed(() => result.value?.user ?? null);
  const user = computed(() =>
    serverUser.value && !accountState.signedOut ? pendingUser(serverUser.value, outbox.entries.value) : null,
  );
  const known = computed(() => accountState.signedOut || result.value !== undefined);

  watch(user, (u) => u && syncArrival(u.email, u.page), { immediate: true });
  watch(
    () => serverUser.value?.email ?? null,
    (email, previous) => {
      if (email && email !== previous && !accountState.signedOut) tell({ type: "signedIn", email });
    },
    { immediate: true },
  );

  /** Signs in or asks for a link; "signedIn" | "emailed" | null when refused. */
  async function signIn(email: string): Promise<"signedIn" | "emailed" | null> {
    try {
      const client = await whenLoaded(holder);
      const answer = await client.mutate({
        mutation: RequestLoginLinkDocument,
        variables: { email, timeZone: browserTimeZone() },
      });
      const payload = answer.data?.requestLoginLink;
      if (!payload) return null;
      if (payload.signedIn && payload.user) {
        accountState.signedOut = false;
        client.writeQuery({ query: UserDocument, data: { user: payload.user } });
        tell({ type: "signedIn", email: payload.user.email });
        return "signedIn";
      }
      return "emailed";
    } catch (failure) {
      const code = errorCode(failure);
      notify(code === "BAD_USER_INPUT" ? t("signIn.invalid") : t(`errors.${code}`), "error");
      return null;
    }
  }

  /** Shows the sign-in form at once, forgets the list here and in every tab, then ends the
   * server session (in the background, retried while the server cannot be reached). */
  async function signOut(): Promise<void> {
    await forgetStored(holder, serverUser.value?.email ?? null);
    tell({ type: "signedOut" });
    notify(t("notice.signedOut"));
    const client = await whenLoaded(holder);
    await client.mutate({ mutation: LogoutDocument }).catch(() => undefined);
    await forgetCache(holder);
  }

  /** Deletes the account once its address is typed (true when it is gone); like signing out,
   * every tab of this browser forgets the list and shows the sign-in form. */
  async function deleteAccount(email: string): Promise<boolean> {
    const client = await whenLoaded(holder);
    try {
      await client.mutate({ mutation: DeleteAccountDocument, variables: { email } });
    } catch (failure) {
      const code = errorCode(failure);
      notify(code === "BAD_USER_INPUT" ? t("account.mismatch") : t(`errors.${code}`), "error");
      return false;
    }
    await forgetStored(holder, serverUser.value?.email ?? null);
    tell({ type: "signedOut" });
    await forgetCache(holder);
    notify(t("account.deleted"));
    return true;
  }

  return { user, known, loading, error, refetch, signIn, signOut, deleteAccount, pendingCount: computed(() => outbox.entries.value.length) };
}
