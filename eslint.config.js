// ESLint for our own browser code (`make lint-js`). Vendored files are someone else's.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["static/vendor/**", "staticfiles/**", "node_modules/**"] },
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      // Module support is the floor for the site's scripts; newer syntax would
      // break the recorder in browsers that can load modules but not parse it.
      ecmaVersion: 2017,
      sourceType: "module",
      globals: globals.browser
    },
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      // `catch (e) { /* ignore */ }`: optional catch binding is newer than ES2017.
      "no-unused-vars": ["error", { caughtErrors: "none" }]
    }
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node }
  }
];
