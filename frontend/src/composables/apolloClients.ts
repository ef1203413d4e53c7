import { inject, shallowReactive, watch } from "vue";
import type { ApolloClient } from "@apollo/client/core";
import { ApolloClients } from "@vue/apollo-composable";

/**
 * Where the app's Apollo client is found. The list's first screen renders from the data the
 * page brought (bootPrefetch.ts, useQuery.ts) before Apollo Client has even been loaded: its
 * code is a chunk of its own, fetched once that screen is up (main.ts, client.ts). The holder
 * is provided as Vue Apollo's `ApolloClients` at once and filled when the client is made, so
 * Vue Apollo and the app's composables find the client whenever they first need it.
 */
export type ClientHolder = { default?: ApolloClient<unknown> };

/** A holder, empty (filled later) or with its client; shallow: the client stays as it is. */
export function createClientHolder(client?: ApolloClient<unknown>): ClientHolder {
  return shallowReactive<ClientHolder>(client ? { default: client } : {});
}

/** The holder the app provides (inside a component's setup). */
export function useClientHolder(): ClientHolder {
  const holder = inject(ApolloClients, null) as ClientHolder | null;
  if (!holder) throw new Error("The app provides no Apollo client holder (ApolloClients).");
  return holder;
}

/** The holder's client, as soon as it has one. */
export function whenLoaded(holder: ClientHolder): Promise<ApolloClient<unknown>> {
  if (holder.default) return Promise.resolve(holder.default);
  return new Promise((resolve) => {
    const stop = watch(
      () => holder.default,
      (client) => {
        if (!client) return;
        stop();
        resolve(client);
      },
      { flush: "sync" },
    );
  });
}
