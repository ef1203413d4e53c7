import "./styles.css";
import { createApp } from "vue";
import { DefaultApolloClient } from "@vue/apollo-composable";
import App from "./App.vue";
import { createApolloClient } from "./apollo";
import { createAppI18n } from "./i18n";
import { createAppRouter } from "./router";
import { installShortcuts } from "./composables/useShortcuts";
import { installConnectionListeners } from "./composables/useConnection";
import { installUnloadGuard, installUpdateWatch } from "./composables/lifecycle";
import { listOutbox } from "./composables/useListActions";

const app = createApp(App);
const client = createApolloClient({ offlineSnapshot: true });
const router = createAppRouter();
app.provide(DefaultApolloClient, client);
app.use(createAppI18n());
app.use(router);
app.mount("#app");

installUpdateWatch(router);
installUnloadGuard(listOutbox(client).outbox);

installShortcuts();
installConnectionListeners();

if ("serviceWorker" in navigator) {
  if (__SW_ENABLED__) {
    window.addEventListener("load", () => {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
    });
  } else {
    // Development: drop a worker left by a production build, it would serve old bundles.
    void navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => void r.unregister()));
  }
}
