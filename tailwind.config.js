/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ["./frontend/src/**/*.{vue,ts,html}"],
  darkMode: "media",
  theme: {
    extend: {
      fontFamily: {
        sans: ['"PT Sans"', "system-ui", "-apple-system", '"Segoe UI"', "sans-serif"],
      },
    },
  },
  plugins: [require("@tailwindcss/forms")],
};
