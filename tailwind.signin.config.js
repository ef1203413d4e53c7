/* The sign-in screen's own stylesheet (frontend/src/signin/main.ts imports styles.css?signin):
 * the same theme, scanned over only the files that screen renders, so a visitor does not
 * download the classes of every other screen; and set in the system font. PT Sans (96 KB for
 * the two weights) is `font-display: optional`: on a phone's first visit it seldom arrives
 * within the ~100 ms the browser waits for it, so the screen mostly showed the system font
 * anyway, after that wait; where it did arrive in time, the first paint waited for it. The
 * signed-in app brings the font (fonts.css, imported by frontend/src/main.ts). */
const base = require("./tailwind.config.js");

/** @type {import('tailwindcss').Config} */
module.exports = {
  ...base,
  theme: {
    ...base.theme,
    extend: {
      ...base.theme.extend,
      fontFamily: { ...base.theme.extend.fontFamily, sans: base.theme.extend.fontFamily.system },
    },
  },
  content: [
    "./frontend/src/signin/**/*.{vue,ts}",
    "./frontend/src/components/SignInForm.vue",
    "./frontend/src/components/NoticeRegion.vue",
    "./templates/signin_screen.html",
  ],
};
