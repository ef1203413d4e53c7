import type { ApolloClient } from "@apollo/client/core";
import { createApolloClient } from "./apollo";
import type { ClientHolder } from "./composables/apolloClients";
import { prefetchWorkingPage, primeFromPage, readPrimedOnce } from "./composables/bootPrefetch";
import { saveSnapshot } from "./composables/offlineSnapshot";
import { nextTask } from "./composables/tasks";

/**
 * Makes the app's Apollo client and hands it to the app (main.ts loads this chunk after the
 * list's first screen, or at once when the page brought no data). The page's answers, which
 * that screen was rendered from, are written into the cache first, and its questions asked of
 * the cache once each (a task each): the queries then start from the cache, showing the same
 * thing, and ask the server nothing until they have (`prioritizeCacheValues`).
 */
export async function startClient(holder: ClientHolder): Promise<ApolloClient<unknown>> {
  // Each step a task of its own, after the one that evaluated this chunk's modules.
  await nextTask();
  const client = createApolloClient({ offlineSnapshot: true });
  await nextTask();
  const primed = primeFromPage(client);
  if (primed) {
    client.prioritizeCacheValues = true;
    do await nextTask();
    while (readPrimedOnce(client));
  } else {
    // The page brought no data: its working page is asked for beside who is signed in.
    prefetchWorkingPage(client);
  }
  holder.default = client;
  if (primed) {
    // The queries start in Vue's next flush; after it, they follow the server again.
    void nextTask().then(() => (client.prioritizeCacheValues = false));
    // No answer came from the network to keep for offline use (createApolloClient): keep these.
    setTimeout(() => saveSnapshot(client), 1000);
  }
  return client;
}
