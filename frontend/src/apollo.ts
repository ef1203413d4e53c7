import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  from,
  type FetchResult,
  type Operation,
} from "@apollo/client/core";
import { RetryLink } from "@apollo/client/link/retry";
import { connection, markBusy, markOnline, markRetrying } from "@/composables/useConnection";
import { restoreSnapshot, saveSnapshot } from "@/composables/offlineSnapshot";

/** Reads one cookie; Django rotates `csrftoken` at login, so read it per request. */
export function readCookie(name: string, source: string = document.cookie): string | null {
  for (const part of source.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** fetch that sends the current `csrftoken` cookie as X-CSRFToken on every call. */
export const csrfFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  const token = readCookie("csrftoken");
  if (token) headers.set("X-CSRFToken", token);
  return fetch(input, { ...init, headers, credentials: "same-origin" });
};

/** Network failures (no answer, or a gateway error) are retried; answers are not. */
export function isRetryable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  if ((error as { name?: string }).name === "AbortError") return false; // cancelled on purpose
  const status = (error as { statusCode?: number }).statusCode;
  if (status === undefined) return true;
  return status === 0 || status === 502 || status === 503 || status === 504;
}

function isMutation(operation: Operation): boolean {
  return operation.query.definitions.some(
    (d) => d.kind === "OperationDefinition" && d.operation === "mutation",
  );
}

/**
 * Sends mutations one at a time, in the order they were made. Their optimistic results
 * still show at once, but the server applies "Done" before the "Undo" pressed right
 * after it, even while an earlier request is being retried.
 */
export function createSerialMutationLink(): ApolloLink {
  let tail: Promise<void> = Promise.resolve();
  return new ApolloLink((operation, forward) => {
    if (!isMutation(operation)) return forward(operation);
    return new Observable<FetchResult>((observer) => {
      let release!: () => void;
      const finished = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => finished);
      let cancelled = false;
      let subscription: { unsubscribe: () => void } | undefined;
      void previous.then(() => {
        if (cancelled) return release();
        subscription = forward(operation).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            release();
            observer.error(error);
          },
          complete: () => {
            release();
            observer.complete();
          },
        });
      });
      return () => {
        cancelled = true;
        subscription?.unsubscribe();
        release();
      };
    });
  });
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // One signed-in user per browser: a singleton every payload updates.
      User: { keyFields: [] },
      Query: {
        fields: {
          items: { keyArgs: ["page"], merge: false },
          dismissedItems: { merge: false },
        },
      },
    },
  });
}

export interface ClientOptions {
  uri?: string;
  retryDelay?: number;
  maxDelay?: number;
  /** Keep the last list in localStorage and show it when the server is out of reach. */
  offlineSnapshot?: boolean;
}

export function createApolloClient(options: ClientOptions = {}) {
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleSave = () => {
    if (!options.offlineSnapshot) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveSnapshot(client), 1000);
  };
  const status = new ApolloLink((operation, forward) =>
    forward(operation).map((result) => {
      markOnline();
      scheduleSave();
      return result;
    }),
  );
  const retry = new RetryLink({
    delay: { initial: options.retryDelay ?? 800, max: options.maxDelay ?? 15000, jitter: true },
    attempts: (_count, _operation, error) => {
      if (!isRetryable(error)) return false;
      // Never give up on a lost connection or a busy server: keep trying and say so.
      if ((error as { statusCode?: number }).statusCode === 503) markBusy();
      else markRetrying();
      if (options.offlineSnapshot) restoreSnapshot(client);
      return true;
    },
  });
  const http = new HttpLink({ uri: options.uri ?? "/graphql", fetch: csrfFetch });
  const client: ApolloClient<unknown> = new ApolloClient({
    link: from([status, createSerialMutationLink(), retry, http]),
    cache: createCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: "cache-and-network", errorPolicy: "none" },
    },
  });
  return client;
}

export { connection };
