// The web font is the signed-in app's alone: the sign-in screen is set in the system font.
import "./fonts.css";
import "./styles.css";
import { createApp } from "vue";
import { DefaultApolloClient } from "@vue/apollo-composable";
import { createApolloClient } from "./apollo";
import { prefetchWorkingPage, primeFromPage, readPrimedOnce } from "./composables/bootPrefetch";

// Start-up is cut into tasks, each short enough not to hold up a slow phone's main thread for
// long: the client; the data the page brought, then each of its questions asked of the cache;
// the app's code (evaluated here, not with the bundle: "eager" imports are in this file, fetch
// nothing, and run a module when first asked for); the router; the account; the app; its first
// navigation; the app's frame; the list (in steps of its own, ListView); the rest.
const nextTask = () => new Promise<void>((go) => setTimeout(go, 0));

async function start(): Promise<void> {
  await nextTask();
  const client = createApolloClient({ offlineSnapshot: true });
  await nextTask();
  // The page brings the first screen's data (or else its working page is asked for at once).
  // Those answers are as fresh as the page: the first screen's queries read them rather than
  // asking again (until the first route has rendered).
  const primed = primeFromPage(client);
  if (!primed) prefetchWorkingPage(client);
  client.prioritizeCacheValues = primed;
  do await nextTask();
  while (readPrimedOnce(client));
  const [{ default: App }, { createBootI18n }] = await Promise.all([
    import(/* webpackMode: "eager" */ "./App.vue"),
    import(/* webpackMode: "eager" */ "./i18n/boot"),
  ]);
  await nextTask();
  const [{ createAppRouter }, { accountQuery }] = await Promise.all([
    import(/* webpackMode: "eager" */ "./router"),
    import(/* webpackMode: "eager" */ "./composables/accountQuery"),
  ]);
  const router = createAppRouter();
  // The first route (the list) renders in a task after the app's frame (header and all).
  router.beforeEach(() => (router.currentRoute.value.matched.length ? true : nextTask().then(() => true as const)));
  await nextTask();
  // Who is signed in, watched before the frame asks (the frame then finds the watch set up).
  accountQuery(client);
  await nextTask();
  const app = createApp(App);
  app.provide(DefaultApolloClient, client);
  app.use(createBootI18n());
  await nextTask();
  app.use(router);
  await nextTask();
  app.mount("#app");
  const { saveSnapshot } = await import(/* webpackMode: "eager" */ "./composables/offlineSnapshot");
  if (primed) {
    void router
      .isReady()
      .catch(() => undefined)
      .then(nextTask)
      .then(() => (client.prioritizeCacheValues = false));
    // No answer came from the network to keep for offline use (createApolloClient): keep these.
    setTimeout(() => saveSnapshot(client), 1000);
  }
  await router.isReady().catch(() => undefined);
  await nextTask();
  const [lifecycle, { listOutbox }, { installShortcuts }, { installConnectionListeners }, { registerServiceWorker }] = await Promise.all([
    import(/* webpackMode: "eager" */ "./composables/lifecycle"),
    import(/* webpackMode: "eager" */ "./composables/useListActions"),
    import(/* webpackMode: "eager" */ "./composables/useShortcuts"),
    import(/* webpackMode: "eager" */ "./composables/useConnection"),
    import(/* webpackMode: "eager" */ "./serviceWorker"),
  ]);
  lifecycle.installUpdateWatch(router);
  lifecycle.installUnloadGuard(listOutbox(client).outbox);
  installShortcuts();
  installConnectionListeners();
  registerServiceWorker();
  await nextTask();
  // The dialogs are not on the first screen: fetched now, before anyone needs them (offline,
  // they are asked for again when first shown).
  import(/* webpackChunkName: "dialog" */ "@/components/ConfirmDialog.vue").catch(() => undefined);
  import(/* webpackChunkName: "edit-conflict" */ "@/components/EditConflictDialog.vue").catch(() => undefined);
}

void start();
