// The web font is the signed-in app's alone: the sign-in screen is set in the system font.
import "./fonts.css";
import "./styles.css";
import { createApp } from "vue";
import { ApolloClients } from "@vue/apollo-composable";
import { createClientHolder } from "./composables/apolloClients";
import { readBootData } from "./composables/bootPrefetch";
import { nextTask } from "./composables/tasks";

// Start-up is cut into tasks, each short enough not to hold up a slow phone's main thread for
// long: the data the page brought; the app's code (evaluated here, not with the bundle:
// "eager" imports are in this file, fetch nothing, and run a module when first asked for);
// the router; the account; the app; its first navigation; the app's frame; the list (in
// steps of its own, ListView); then Apollo Client (a chunk of its own, client.ts); the rest.
async function start(): Promise<void> {
  await nextTask();
  // The page brings the first screen's data: that screen renders from it, and Apollo Client
  // is loaded once it is up. Without it, the client is needed at once.
  const holder = createClientHolder();
  const fromPage = readBootData();
  let loading: Promise<unknown> | null = null;
  const loadClient = (): Promise<unknown> =>
    (loading ??= import(/* webpackChunkName: "client" */ "./client")
      .then(({ startClient }) => startClient(holder))
      .catch((error: unknown) => {
        // Out of reach: tried again. Not there while online: most likely a deploy since the
        // page came, so a reload is offered (what is done meanwhile waits in the outbox).
        loading = null;
        void import(/* webpackMode: "eager" */ "./composables/lifecycle").then(({ appVersion, isChunkLoadError }) => {
          if (navigator.onLine && isChunkLoadError(error)) appVersion.updateReady = true;
          setTimeout(() => void loadClient(), 2000);
        });
      }));
  if (!fromPage) void loadClient();
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
  accountQuery(holder);
  await nextTask();
  const app = createApp(App);
  app.provide(ApolloClients, holder);
  app.use(createBootI18n());
  await nextTask();
  app.use(router);
  await nextTask();
  app.mount("#app");
  await router.isReady().catch(() => undefined);
  await nextTask();
  await loadClient();
  await nextTask();
  const [lifecycle, { listOutbox }, { installShortcuts }, { installConnectionListeners }, { registerServiceWorker }] = await Promise.all([
    import(/* webpackMode: "eager" */ "./composables/lifecycle"),
    import(/* webpackMode: "eager" */ "./composables/useListActions"),
    import(/* webpackMode: "eager" */ "./composables/useShortcuts"),
    import(/* webpackMode: "eager" */ "./composables/useConnection"),
    import(/* webpackMode: "eager" */ "./serviceWorker"),
  ]);
  lifecycle.installUpdateWatch(router);
  lifecycle.installUnloadGuard(listOutbox(holder).outbox);
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
