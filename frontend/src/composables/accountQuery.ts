import { effectScope } from "vue";
import type { ApolloClient } from "@apollo/client/core";
import { provideApolloClients } from "@vue/apollo-composable";
import { useQuery } from "./useQuery";
import { UserDocument } from "@/graphql/generated";
import type { ClientHolder } from "./apolloClients";

const accountQueries = new WeakMap<ClientHolder, ReturnType<typeof watchAccount>>();

function watchAccount() {
  return useQuery(UserDocument);
}

/**
 * Who is signed in, as one query per app however many components ask: the first screen
 * has five of them, and each query watched costs its share of the first render. It lasts as
 * long as the app (a scope of its own, not the first asker's), and finds the client in the
 * app's holder once it has loaded.
 */
export function accountQuery(holder: ClientHolder): ReturnType<typeof watchAccount> {
  let query = accountQueries.get(holder);
  if (!query) {
    // This holder, whoever asks first (inside a component, the one it injects: the same).
    query = provideApolloClients(holder as Record<string, ApolloClient<unknown>>)(() => effectScope(true).run(watchAccount)!);
    accountQueries.set(holder, query);
  }
  return query;
}
