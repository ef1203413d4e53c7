import { computed } from "vue";
import { useApolloClient } from "@vue/apollo-composable";
import { useQuery } from "./useQuery";
import { useI18n } from "vue-i18n";
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type ApiTokenFieldsFragment,
  type ApiTokenScope,
} from "@/graphql/generated";
import { errorCode } from "./errors";
import { notify } from "./useNotices";

export type ApiToken = ApiTokenFieldsFragment;
export type { ApiTokenScope };

/** What the server enforces (accounts/services.py). */
export const API_TOKEN_LIMITS = { maxLive: 20, nameMax: 100 } as const;

/** The name as the server keeps it: trimmed, inner spaces collapsed. */
export function cleanTokenName(name: string): string {
  return name.trim().split(/\s+/).filter(Boolean).join(" ");
}

/** The account's API tokens and the two things one can do with them. */
export function useApiTokens() {
  const { resolveClient } = useApolloClient();
  const { t, te } = useI18n();
  const { result, loading } = useQuery(ApiTokensDocument);
  const tokens = computed<ApiToken[]>(() => result.value?.apiTokens ?? []);
  const full = computed(() => tokens.value.length >= API_TOKEN_LIMITS.maxLive);

  function report(error: unknown): void {
    const code = errorCode(error);
    const specific = `apiTokens.errors.${code}`;
    notify(te(specific) ? t(specific) : t(`errors.${code}`), "error");
  }

  /** Creates a token; resolves to its secret (shown once), or null when refused. */
  async function create(name: string, scope: ApiTokenScope): Promise<string | null> {
    const clean = cleanTokenName(name);
    if (!clean) {
      notify(t("apiTokens.nameMissing"), "error");
      return null;
    }
    if (tokens.value.some((token) => token.name.toLowerCase() === clean.toLowerCase())) {
      notify(t("apiTokens.nameTaken", { name: clean }), "error");
      return null;
    }
    try {
      const { data } = await resolveClient().mutate({
        mutation: CreateApiTokenDocument,
        variables: { name: clean, scope },
        update(cache, { data: created }) {
          const apiToken = created?.createApiToken?.apiToken;
          if (!apiToken) return;
          cache.updateQuery({ query: ApiTokensDocument }, (list) =>
            list ? { apiTokens: [apiToken, ...list.apiTokens.filter((x) => x.id !== apiToken.id)] } : list,
          );
        },
      });
      return data?.createApiToken?.token ?? null;
    } catch (error) {
      report(error);
      return null;
    }
  }

  /** Revokes a token; the list drops it once the server has confirmed. */
  async function revoke(token: ApiToken): Promise<boolean> {
    try {
      await resolveClient().mutate({
        mutation: RevokeApiTokenDocument,
        variables: { id: token.id },
        update(cache) {
          cache.evict({ id: cache.identify({ __typename: "ApiToken", id: token.id }) });
          cache.gc();
        },
      });
      notify(t("apiTokens.revoked", { name: token.name }));
      return true;
    } catch (error) {
      report(error);
      if (errorCode(error) === "NOT_FOUND") {
        void resolveClient().refetchQueries({ include: [ApiTokensDocument] }).catch(() => undefined);
      }
      return false;
    }
  }

  return { tokens, loading, full, create, revoke };
}
