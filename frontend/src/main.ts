import "./styles.css";
import { createApp } from "vue";
import { DefaultApolloClient } from "@vue/apollo-composable";
import App from "./App.vue";
import { createApolloClient } from "./apollo";
import { createBootI18n } from "./i18n/boot";
import { createAppRouter } from "./router";
import { installShortcuts } from "./composables/useShortcuts";
import { installConnectionListeners } from "./composables/useConnection";
import { installUnloadGuard, installUpdateWatch } from "./composables/lifecycle";
import { listOutbox } from "./composables/useListActions";
import { registerServiceWorker } from "./serviceWorker";
import { saveSnapshot } from "./composables/offlineSnapshot";
import { prefetchWorkingPage, primeFromPage } from "./composables/bootPrefetch";

const app = createApp(App);
const client = createApolloClient({ offlineSnapshot: true });
const router = createAppRouter();
app.provide(DefaultApolloClient, client);
app.use(createBootI18n());

// Start-up is cut into tasks (the code; the data the page brought; the app's frame; the list;
// the rest), each short enough not to hold up a slow phone's main thread for long.
const nextTask = (step: () => void) => setTimeout(step, 0);
// The first route (the list) renders in a task after the app's frame (header and all).
router.beforeEach(() => (router.currentRoute.value.matched.length ? true : new Promise<true>((go) => nextTask(() => go(true)))));
nextTask(() => {
  // The page brings the first screen's data (or else its working page is asked for at once).
  // Those answers are as fresh as the page: the first screen's queries read them rather than
  // asking again (until the first route has rendered).
  const primed = primeFromPage(client);
  if (!primed) prefetchWorkingPage(client);
  client.prioritizeCacheValues = primed;
  nextTask(() => {
    app.use(router);
    app.mount("#app");
    if (primed) {
      void router.isReady().then(() => nextTask(() => (client.prioritizeCacheValues = false)));
      // No answer came from the network to keep for offline use (createApolloClient): keep these.
      setTimeout(() => saveSnapshot(client), 1000);
    }
    nextTask(() => {
      installUpdateWatch(router);
      installUnloadGuard(listOutbox(client).outbox);
      installShortcuts();
      installConnectionListeners();
      registerServiceWorker();
    });
  });
});
