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
import { prefetchWorkingPage } from "./composables/bootPrefetch";

const app = createApp(App);
const client = createApolloClient({ offlineSnapshot: true });
const router = createAppRouter();
prefetchWorkingPage(client);
app.provide(DefaultApolloClient, client);
app.use(createBootI18n());
app.use(router);
app.mount("#app");

installUpdateWatch(router);
installUnloadGuard(listOutbox(client).outbox);

installShortcuts();
installConnectionListeners();

registerServiceWorker();
