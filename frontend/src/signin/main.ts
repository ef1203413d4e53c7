/* The entry point for a signed-out visitor: the sign-in screen alone (the server picks this
 * bundle or the app's, see templates/app.html), with only the messages it shows. */
import "../styles.css?signin";
import { createApp } from "vue";
import { createI18n } from "vue-i18n";
import SignInApp from "./SignInApp.vue";
import { browserLocale, russianPlural } from "@/i18n";
import { keepTyped } from "./keepTyped";
import en from "@/i18n/en?signin";
import ru from "@/i18n/ru?signin";

const locale = browserLocale();
document.documentElement.lang = locale;
const i18n = createI18n({
  legacy: false,
  locale,
  fallbackLocale: "en",
  messages: { en, ru },
  pluralRules: { ru: russianPlural },
  missingWarn: false,
  fallbackWarn: false,
});
// The page already shows the sign-in screen; the app takes its place, keeping what was typed.
keepTyped(document, () => createApp(SignInApp).use(i18n).mount("#app"));
// No service worker here: it would download the whole app while the screen paints; the
// signed-in app registers it, and the app's files are prefetched while the visitor types.
