/* Precompiles the locale messages (frontend/src/i18n/<locale>.ts) at build time.
 *
 * Each message string becomes the AST that vue-i18n's runtime-only build evaluates, so the
 * bundle ships no message compiler, does no parsing at start-up and needs no `eval` or
 * `new Function` in the browser (the Content-Security-Policy forbids both). A message that
 * does not compile fails the build. */
const { baseCompile } = require("@intlify/message-compiler");
const { transformSync } = require("esbuild");

function evaluate(source, resourcePath) {
  const { code } = transformSync(source, { loader: "ts", format: "cjs", sourcefile: resourcePath });
  const module = { exports: {} };
  // Build time, in Node: the module is a plain object literal (it imports types only).
  new Function("module", "exports", code)(module, module.exports);
  return module.exports.default ?? module.exports;
}

/* A message part that is plain text carries it as `s` (static); the runtime then never reads
 * its items, so they are left out. */
function compact(node) {
  if (Array.isArray(node)) return node.map(compact);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, child] of Object.entries(node)) {
    if (key === "i" && typeof node.s === "string") continue;
    out[key] = compact(child);
  }
  return out;
}

function compileTree(value, path, errors) {
  if (typeof value === "string") {
    const { ast } = baseCompile(value, {
      jit: true,
      location: false,
      minify: true,
      onError: (error) => errors.push(`${path.join(".")}: ${error.message}`),
    });
    return compact(ast);
  }
  if (value && typeof value === "object") {
    const out = Array.isArray(value) ? [] : {};
    for (const [key, child] of Object.entries(value)) out[key] = compileTree(child, path.concat(key), errors);
    return out;
  }
  throw new Error(`${path.join(".")}: a message must be a string, not ${typeof value}`);
}

/* `?signin` keeps only the messages the sign-in screen shows (frontend/src/signin/): its own
 * bundle then carries no other screen's text. Paths are top-level groups or group.key. */
const SCREENS = {
  signin: [
    "app",
    "signIn",
    "errors.close",
    "errors.UNAUTHENTICATED",
    "errors.RATE_LIMITED",
    "errors.INTERNAL_SERVER_ERROR",
    "errors.NETWORK",
  ],
};

function pick(messages, query) {
  const screen = query.replace(/^\?/, "");
  if (!screen) return messages;
  const paths = SCREENS[screen];
  if (!paths) throw new Error(`Unknown screen "${screen}" (known: ${Object.keys(SCREENS).join(", ")})`);
  const out = {};
  for (const path of paths) {
    const [group, key] = path.split(".");
    if (!(group in messages) || (key && !(key in messages[group]))) throw new Error(`No message "${path}"`);
    if (key) out[group] = { ...out[group], [key]: messages[group][key] };
    else out[group] = messages[group];
  }
  return out;
}

module.exports = function i18nMessagesLoader(source) {
  const errors = [];
  const messages = compileTree(pick(evaluate(source, this.resourcePath), this.resourceQuery || ""), [], errors);
  if (errors.length) throw new Error(`Messages that do not compile in ${this.resourcePath}:\n${errors.join("\n")}`);
  return `export default ${JSON.stringify(messages)};\n`;
};
