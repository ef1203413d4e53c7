import { effectScope } from "vue";
import type { ApolloClient } from "@apollo/client/core";
import { provideApolloClient } from "@vue/apollo-composable";
import { useQuery } from "./useQuery";
import { UserDocument } from "@/graphql/generated";

const accountQueries = new WeakMap<ApolloClient<unknown>, ReturnType<typeof watchAccount>>();

function watchAccount() {
  return useQuery(UserDocument);
}

/**
 * Who is signed in, as one query per client however many components ask: the first screen
 * has five of them, and each query watched costs its share of the first render. It lasts as
 * long as the client (a scope of its own, not the first asker's).
 */
export function accountQuery(client: ApolloClient<unknown>): ReturnType<typeof watchAccount> {
  let query = accountQueries.get(client);
  if (!query) {
    // This client, whoever asks first (inside a component, the one it injects: the same).
    query = provideApolloClient(client)(() => effectScope(true).run(watchAccount)!);
    accountQueries.set(client, query);
  }
  return query;
}
