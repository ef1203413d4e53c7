/* The sign-in screen's own stylesheet (frontend/src/signin/main.ts imports styles.css?signin):
 * the same theme, scanned over only the files that screen renders, so a visitor does not
 * download the classes of every other screen. */
const base = require("./tailwind.config.js");

/** @type {import('tailwindcss').Config} */
module.exports = {
  ...base,
  content: [
    "./frontend/src/signin/**/*.{vue,ts}",
    "./frontend/src/components/SignInForm.vue",
    "./frontend/src/components/NoticeRegion.vue",
    "./templates/signin_screen.html",
  ],
};
