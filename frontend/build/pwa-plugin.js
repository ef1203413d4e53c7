/* Emits the un-hashed PWA files: sw.js, manifest.webmanifest and the icons. */
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { png, svg } = require("./icons.js");

const MANIFEST = {
  name: "Autofocus",
  short_name: "Autofocus",
  description: "One long list, worked a page at a time.",
  start_url: "/",
  scope: "/",
  display: "standalone",
  background_color: "#fbfaf7",
  theme_color: "#1e293b",
  icons: [
    { src: "/static/icons/icon.svg", sizes: "any", type: "image/svg+xml" },
    { src: "/static/icons/icon-192.png", sizes: "192x192", type: "image/png" },
    { src: "/static/icons/icon-512.png", sizes: "512x512", type: "image/png" },
    { src: "/static/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
};

let iconCache = null;
function icons() {
  if (!iconCache) {
    iconCache = {
      "icons/icon.svg": Buffer.from(svg()),
      "icons/icon-192.png": png(192),
      "icons/icon-512.png": png(512),
      "icons/icon-maskable-512.png": png(512, true),
      "icons/apple-touch-icon.png": png(180, true),
    };
  }
  return iconCache;
}

// Development builds ship a service worker that removes itself and its caches, so that a
// worker left over from a production build never serves stale bundles during development.
const DEV_SW = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("autofocus-")).map((k) => caches.delete(k))))
      .then(() => self.registration.unregister()),
  );
});
`;

class PwaPlugin {
  apply(compiler) {
    const production = compiler.options.mode === "production";
    const { RawSource } = compiler.webpack.sources;
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("PwaPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "PwaPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const [name, data] of Object.entries(icons())) compilation.emitAsset(name, new RawSource(data));
          compilation.emitAsset("manifest.webmanifest", new RawSource(JSON.stringify(MANIFEST, null, 2)));
          if (!production) {
            compilation.emitAsset("sw.js", new RawSource(DEV_SW));
            return;
          }
          const publicPath = "/static/";
          // Fonts: the Latin and Cyrillic subsets (frontend/src/fonts.css declares no others).
          const precached = (n) =>
            n.endsWith(".woff2") ? /pt-sans-(latin|cyrillic)-\d+-/.test(n) : /\.(js|css)$/.test(n);
          const cached = Object.keys(assets)
            .filter((n) => precached(n) && n !== "sw.js" && !n.endsWith(".map"))
            .sort();
          const urls = cached.map((n) => publicPath + n).concat(["/manifest.webmanifest", "/static/icons/icon-192.png"]);
          const version = crypto.createHash("sha256").update(urls.join("\n")).digest("hex").slice(0, 12);
          const template = fs.readFileSync(path.join(__dirname, "sw-template.js"), "utf8");
          const sw = template.replace("__VERSION__", version).replace("__ASSETS__", JSON.stringify(urls, null, 2));
          compilation.emitAsset("sw.js", new RawSource(sw));
        },
      );
    });
  }
}

module.exports = PwaPlugin;
