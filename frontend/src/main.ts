import "./styles.css";
import { createApp } from "vue";
import { DefaultApolloClient } from "@vue/apollo-composable";
import App from "./App.vue";
import { createApolloClient } from "./apollo";
import { createAppI18n } from "./i18n";
import { createAppRouter } from "./router";
import { installShortcuts } from "./composables/useShortcuts";
import { installConnectionListeners } from "./composables/useConnection";

const app = createApp(App);
app.provide(DefaultApolloClient, createApolloClient({ offlineSnapshot: true }));
app.use(createAppI18n());
app.use(createAppRouter());
app.mount("#app");

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
