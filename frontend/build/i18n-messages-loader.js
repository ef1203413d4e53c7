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

function compileTree(value, path, errors) {
  if (typeof value === "string") {
    const { ast } = baseCompile(value, {
      jit: true,
      location: false,
      minify: true,
      onError: (error) => errors.push(`${path.join(".")}: ${error.message}`),
    });
    return ast;
  }
  if (value && typeof value === "object") {
    const out = Array.isArray(value) ? [] : {};
    for (const [key, child] of Object.entries(value)) out[key] = compileTree(child, path.concat(key), errors);
    return out;
  }
  throw new Error(`${path.join(".")}: a message must be a string, not ${typeof value}`);
}

module.exports = function i18nMessagesLoader(source) {
  const errors = [];
  const messages = compileTree(evaluate(source, this.resourcePath), [], errors);
  if (errors.length) throw new Error(`Messages that do not compile in ${this.resourcePath}:\n${errors.join("\n")}`);
  return `export default ${JSON.stringify(messages)};\n`;
};
