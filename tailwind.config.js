/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ["./frontend/src/**/*.{vue,ts,html}", "./templates/app.html"],
  darkMode: "media",
  theme: {
    extend: {
      fontFamily: {
        sans: ['"PT Sans"', "system-ui", "-apple-system", '"Segoe UI"', "sans-serif"],
        // The shell's "Loading your list…" line: no web font, so that the fonts are not
        // fetched while the app's JavaScript is still on its way.
        system: ["system-ui", "-apple-system", '"Segoe UI"', "sans-serif"],
      },
    },
  },
  plugins: [require("@tailwindcss/forms")],
};
