import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./frontend/src", import.meta.url)) },
  },
  define: {
    __SW_ENABLED__: "false",
    __VUE_OPTIONS_API__: "false",
  },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["frontend/src/**/*.spec.ts"],
    setupFiles: ["frontend/src/test-setup.ts"],
  },
});
