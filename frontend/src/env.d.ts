declare const __SW_ENABLED__: boolean;

/** A file's text, e.g. a .graphql document (webpack's asset/source, Vite's ?raw). */
declare module "*?raw" {
  const source: string;
  export default source;
}

/** Some top-level groups of a locale's messages, precompiled (frontend/build/i18n-messages-loader.js). */
declare module "*?signin" {
  const messages: Record<string, never>;
  export default messages;
}
