import { afterEach } from "vitest";
import { clearNotices } from "@/composables/useNotices";
import { unmountAll } from "@/test-utils";

afterEach(() => {
  unmountAll();
  clearNotices();
  document.cookie.split(";").forEach((c) => {
    const name = c.split("=")[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});
