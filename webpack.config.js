/* Webpack build of the single-page app.
 * Production: `webpack --mode production` writes hashed bundles to frontend/dist/,
 * webpack-stats.json at the repo root (read by django-webpack-loader), and the
 * un-hashed PWA files sw.js and manifest.webmanifest (+ icons) served from "/". */
const path = require("node:path");
const { VueLoaderPlugin } = require("vue-loader");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const CssMinimizerPlugin = require("css-minimizer-webpack-plugin");
const BundleTracker = require("webpack-bundle-tracker");
const { BannerPlugin, Compilation, DefinePlugin } = require("webpack");
const PwaPlugin = require("./frontend/build/pwa-plugin.js");

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  return {
    mode: production ? "production" : "development",
    context: __dirname,
    // `app` for a signed-in person, `signin` (the sign-in screen alone) for a visitor, and the
    // app's messages in the person's language (`locale_en` or `locale_ru`, loaded before `app`):
    // the list screen carries one language, the other loads if the person switches.
    entry: {
      app: "./frontend/src/main.ts",
      locale_en: "./frontend/src/i18n/boot-en.ts",
      locale_ru: "./frontend/src/i18n/boot-ru.ts",
      signin: "./frontend/src/signin/main.ts",
    },
    output: {
      path: path.resolve(__dirname, "frontend/dist"),
      publicPath: "/static/",
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      assetModuleFilename: "assets/[name].[contenthash:8][ext]",
      clean: true,
    },
    devtool: production ? (process.env.SOURCE_MAP ? "source-map" : false) : "eval-cheap-module-source-map",
    resolve: {
      extensions: [".ts", ".js", ".vue", ".json"],
      alias: {
        "@": path.resolve(__dirname, "frontend/src"),
        // Runtime only: the messages are precompiled by frontend/build/i18n-messages-loader.js.
        "vue-i18n$": "vue-i18n/dist/vue-i18n.runtime.esm-bundler.js",
      },
    },
    module: {
      rules: [
        { resourceQuery: /raw/, type: "asset/source" },
        { test: /\.vue$/, loader: "vue-loader" },
        {
          // The locale messages, precompiled (the runtime-only vue-i18n has no compiler).
          test: /frontend[\\/]src[\\/]i18n[\\/](en|ru)\.ts$/,
          loader: path.resolve(__dirname, "frontend/build/i18n-messages-loader.js"),
        },
        {
          test: /\.ts$/,
          exclude: /frontend[\\/]src[\\/]i18n[\\/](en|ru)\.ts$/,
          loader: "esbuild-loader",
          options: { loader: "ts", target: "es2020" },
        },
        {
          test: /\.css$/,
          oneOf: [
            {
              // The sign-in screen's stylesheet: only the classes its own files use.
              resourceQuery: /signin/,
              use: [
                MiniCssExtractPlugin.loader,
                { loader: "css-loader", options: { importLoaders: 1 } },
                {
                  loader: "postcss-loader",
                  options: {
                    postcssOptions: {
                      // A name of its own: Tailwind keeps one context per stylesheet path.
                      from: "frontend/src/signin/styles.css",
                      config: false,
                      plugins: [
                        require("tailwindcss")({ config: path.resolve(__dirname, "tailwind.signin.config.js") }),
                        require("autoprefixer"),
                      ],
                    },
                  },
                },
              ],
            },
            {
              use: [
                MiniCssExtractPlugin.loader,
                { loader: "css-loader", options: { importLoaders: 1 } },
                "postcss-loader",
              ],
            },
          ],
        },
        {
          test: /\.(woff2?|svg|png)$/,
          type: "asset/resource",
        },
      ],
    },
    plugins: [
      new VueLoaderPlugin(),
      new MiniCssExtractPlugin({
        filename: production ? "[name].[contenthash:8].css" : "[name].css",
        chunkFilename: production ? "[name].[contenthash:8].css" : "[name].css",
      }),
      new DefinePlugin({
        __VUE_OPTIONS_API__: "false",
        __VUE_PROD_DEVTOOLS__: "false",
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
        __VUE_I18N_FULL_INSTALL__: "false",
        __VUE_I18N_LEGACY_API__: "false",
        __INTLIFY_PROD_DEVTOOLS__: "false",
        __INTLIFY_JIT_COMPILATION__: "true",
        __INTLIFY_DROP_MESSAGE_COMPILER__: "true",
        "globalThis.__DEV__": JSON.stringify(!production),
        __SW_ENABLED__: JSON.stringify(production),
      }),
      // V8's explicit compile hint: the app's functions are compiled with the script, on the
      // background thread that compiles it as it downloads, rather than one by one on the main
      // thread the first time each runs (most of them run while the list first renders).
      // After minification (which drops comments), before the file's hash is taken.
      new BannerPlugin({
        banner: "//# allFunctionsCalledOnLoad",
        raw: true,
        test: /^app(\.[0-9a-f]+)?\.js$/,
        stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1,
      }),
      new BundleTracker({ path: __dirname, filename: "webpack-stats.json" }),
      new PwaPlugin(),
    ],
    optimization: {
      // "..." keeps webpack's own JS minimizer (Terser), which also drops dead code.
      minimizer: ["...", new CssMinimizerPlugin()],
    },
    performance: { hints: false },
    watchOptions: { ignored: /node_modules|frontend[\\/]dist/ },
    stats: production ? "normal" : "minimal",
  };
};
