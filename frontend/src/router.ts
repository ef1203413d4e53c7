import { createRouter, createWebHistory, type RouterHistory } from "vue-router";
import ListView from "@/views/ListView.vue";

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  return createRouter({
    history,
    routes: [
      { path: "/", name: "list", component: ListView },
      { path: "/dismissed", name: "dismissed", component: () => import(/* webpackChunkName: "dismissed" */ "@/views/DismissedView.vue") },
      { path: "/settings", name: "settings", component: () => import(/* webpackChunkName: "settings" */ "@/views/SettingsView.vue") },
      { path: "/settings/import", name: "import", component: () => import(/* webpackChunkName: "import" */ "@/views/ImportView.vue") },
      { path: "/print", name: "print", component: () => import(/* webpackChunkName: "print" */ "@/views/PrintView.vue") },
      { path: "/stats", name: "stats", component: () => import(/* webpackChunkName: "stats" */ "@/views/StatsView.vue") },
      { path: "/help", name: "help", component: () => import(/* webpackChunkName: "help" */ "@/views/HelpView.vue") },
      { path: "/:rest(.*)*", redirect: "/" },
    ],
  });
}
