import "./styles.css";
import { createApp } from "vue";
import { DefaultApolloClient } from "@vue/apollo-composable";
import App from "./App.vue";
import { createApolloClient } from "./apollo";
import { createAppI18n } from "./i18n";
import { createAppRouter } from "./router";
import { installShortcuts } from "./composables/useShortcuts";
import { installConnectionListeners } from "./composables/useConnection";
import { registerServiceWorker } from "./serviceWorker";

const app = createApp(App);
app.provide(DefaultApolloClient, createApolloClient({ offlineSnapshot: true }));
app.use(createAppI18n());
app.use(createAppRouter());
app.mount("#app");

installShortcuts();
installConnectionListeners();

registerServiceWorker();
