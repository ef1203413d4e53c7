import { ApolloClient, ApolloLink, Observable, type FetchResult, type Operation } from "@apollo/client/core";
import { GraphQLError } from "graphql";
import { ApolloClients } from "@vue/apollo-composable";
import { mount, flushPromises as flushMicrotasks } from "@vue/test-utils";
import { createMemoryHistory } from "vue-router";
import type { Component } from "vue";
import { createCache } from "@/apollo";
import { createClientHolder, type ClientHolder } from "@/composables/apolloClients";
import { createAppI18n, type Locale } from "@/i18n";
import { createAppRouter } from "@/router";
import type { Item, User } from "@/composables/useFocus";

export type Handler = (operation: Operation) => FetchResult | Promise<FetchResult> | Error;

/** An Apollo client whose server is `handler`; every operation is recorded. */
export function createTestClient(handler: Handler) {
  const operations: Operation[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((observer) => {
        operations.push(operation);
        Promise.resolve()
          .then(() => handler(operation))
          .then((result) => {
            if (result instanceof Error) throw result;
            observer.next(result);
            observer.complete();
          })
          .catch((error) => observer.error(error));
      }),
  );
  const client = new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } },
  });
  return { client, operations };
}

export function graphqlError(code: string, message = "refused"): FetchResult {
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    __typename: "User",
    email: "ann@example.com",
    isValidated: true,
    page: 1,
    pages: 1,
    pageSize: 25,
    language: "en",
    ...overrides,
  };
}

let nextId = 100;
export function makeItem(overrides: Partial<Item> = {}): Item {
  nextId += 1;
  return {
    __typename: "Item",
    id: String(nextId),
    text: `Task ${nextId}`,
    state: "ACTIVE",
    repeats: 0,
    position: nextId,
    page: 1,
    createdAt: "2024-01-01T00:00:00+00:00",
    version: 1,
    ...overrides,
  };
}

const mounted: { unmount: () => void }[] = [];
/** Unmounts everything mountWithApp mounted (its shortcuts and watchers go with it). */
export function unmountAll(): void {
  while (mounted.length) mounted.pop()!.unmount();
}

export interface MountOptions {
  client: ApolloClient<unknown>;
  /** The app's client holder, when not the client's own (an empty one: the client not loaded yet). */
  holder?: ClientHolder;
  locale?: Locale;
  path?: string;
  props?: Record<string, unknown>;
}

// One holder per client, as the app has one per client: what is kept per app (the account
// query, the outbox) is then shared by everything mounted with the same client.
const holders = new WeakMap<ApolloClient<unknown>, ClientHolder>();
export function holderOf(client: ApolloClient<unknown>): ClientHolder {
  let holder = holders.get(client);
  if (!holder) {
    holder = createClientHolder(client);
    holders.set(client, holder);
  }
  return holder;
}

/** Mounts a component with Apollo, i18n and the app's router (in memory). */
export async function mountWithApp(component: Component, options: MountOptions) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(options.path ?? "/");
  await router.isReady();
  const i18n = createAppI18n(options.locale ?? "en");
  const wrapper = mount(component, {
    props: options.props,
    attachTo: document.body,
    global: {
      plugins: [router, i18n],
      provide: { [ApolloClients as symbol]: options.holder ?? holderOf(options.client) },
    },
  });
  mounted.push(wrapper);
  await flushMicrotasks();
  return { wrapper, router, i18n };
}

/** Lets every pending promise, IndexedDB request and zero-delay timer run. */
export async function flushPromises(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushMicrotasks();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
