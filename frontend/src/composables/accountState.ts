import { reactive } from "vue";

/**
 * Whether this tab has been signed out (here or in another tab) while the server may not
 * have ended the session yet: the sign-in form shows at once and nothing of the list is
 * shown or sent, whatever a late answer says.
 */
export const accountState = reactive({ signedOut: false });
