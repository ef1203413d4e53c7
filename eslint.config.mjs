// ESLint 9 flat config: recommended rules for JavaScript, TypeScript and Vue single-file
// components. `make lint` runs it on the frontend sources and the build configuration.
import js from "@eslint/js";
import pluginVue from "eslint-plugin-vue";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "frontend/dist/**",
      "frontend/src/graphql/generated.ts",
      "node_modules/**",
      ".venv/**",
      "bench/**",
      "staticfiles/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs["flat/recommended"],
  {
    files: ["**/*.vue"],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      // Formatting is left to the templates' authors; these rules only reorder attributes
      // and wrap lines.
      "vue/max-attributes-per-line": "off",
      "vue/singleline-html-element-content-newline": "off",
      "vue/multiline-html-element-content-newline": "off",
      "vue/html-self-closing": "off",
      "vue/html-indent": "off",
      "vue/html-closing-bracket-newline": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@vue/apollo-composable",
              importNames: ["useQuery"],
              message: "Use @/composables/useQuery: it keeps the document out of Vue's reactivity (Apollo's caches need the document itself).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["frontend/src/composables/useQuery.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["*.config.js", "frontend/build/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "no-redeclare": ["error", { builtinGlobals: false }],
    },
  },
  {
    // A template: the build replaces __ASSETS__ with the list of files to cache.
    files: ["frontend/build/sw-template.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.serviceworker, __ASSETS__: "readonly" },
    },
  },
  {
    files: ["*.config.ts", "*.config.mjs", "codegen.ts", "frontend/scripts/**"],
    languageOptions: { globals: { ...globals.node } },
  },
);
