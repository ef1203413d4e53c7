import { useApolloClient } from "@vue/apollo-composable";
import { useI18n } from "vue-i18n";
import { useRouter } from "vue-router";
import { DeleteAccountDocument, UserDocument } from "@/graphql/generated";
import { errorCode } from "./errors";
import { notify } from "./useNotices";
import { forgetSnapshot } from "./offlineSnapshot";

/** Actions on the account itself (not its list). */
export function useAccountActions() {
  const { resolveClient } = useApolloClient();
  const { t } = useI18n();
  const router = useRouter();

  /** Deletes the account once its address is typed; the browser returns to the sign-in form.
   * True when it is gone. */
  async function deleteAccount(email: string): Promise<boolean> {
    const client = resolveClient();
    try {
      await client.mutate({ mutation: DeleteAccountDocument, variables: { email } });
    } catch (error) {
      const code = errorCode(error);
      notify(code === "BAD_USER_INPUT" ? t("account.mismatch") : t(`errors.${code}`), "error");
      return false;
    }
    await router.replace("/");
    forgetSnapshot();
    await client.clearStore();
    client.writeQuery({ query: UserDocument, data: { user: null } });
    notify(t("account.deleted"));
    return true;
  }

  return { deleteAccount };
}
