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
import { registerServiceWorker } from "./serviceWorker";

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

registerServiceWorker();
