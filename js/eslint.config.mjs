// ESLint (flat config) for tbkit's JavaScript, run from the repository root by `make lint`:
//   js/node_modules/.bin/eslint --config js/eslint.config.mjs js tbkit/converters/tbel
// Widget sources (js/src) are ES modules in the browser; the TBEL runtime parts
// (tbkit/converters/tbel/runtime_*.js) are scripts concatenated into one IIFE in V8 that share
// the namespace `T` and each other's top-level functions, declared here as globals.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import globals from "globals";

const here = dirname(fileURLToPath(import.meta.url));
const tbelDir = join(here, "..", "tbkit", "converters", "tbel");
const nashornDir = join(here, "..", "tbkit", "converters", "nashorn");

// Every top-level `function name` / `var name` of one runtime part is visible to the others.
function shared(dir, pattern, names) {
  for (const file of readdirSync(dir).filter((f) => pattern.test(f))) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const match of text.matchAll(/^(?:function\s+([A-Za-z_$][\w$]*)|var\s+([A-Za-z_$][\w$]*))/gm)) {
      names[match[1] ?? match[2]] = match[1] ? "readonly" : "writable"; // a part may reassign its own vars
    }
  }
  return names;
}

const tbelShared = () => shared(tbelDir, /^runtime_.*\.js$/, { T: "writable" });
// the local-engine parts run in one function(g) { ... } (tbkit/converters/nashorn/engine.py)
const nashornShared = () => shared(nashornDir, /^env_.*\.js$/, { g: "readonly" });

export default [
  {
    ignores: [
      "**/node_modules/**",
      "tbkit/ui/static/**",
      "tbkit/converters/jsparse.js",
      "tbkit/converters/nashorn/tool.js",
      ".venv/**",
    ],
  },
  {
    files: ["js/src/**/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: { ...js.configs.recommended.rules, "no-undef": "error" },
  },
  {
    files: ["js/v8/**/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: {} },
    rules: { ...js.configs.recommended.rules, "no-undef": "error" },
  },
  {
    files: ["tbkit/converters/nashorn/env_*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...nashornShared() } },
    rules: {
      ...js.configs.recommended.rules,
      "no-undef": "error",
      "no-redeclare": ["error", { builtinGlobals: false }],
      "no-unused-vars": ["error", { vars: "local", args: "none", caughtErrors: "none" }],
    },
  },
  {
    files: ["js/*.mjs"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules: { ...js.configs.recommended.rules, "no-undef": "error" },
  },
  {
    files: ["tbkit/converters/tbel/runtime_*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: { ...tbelShared() } },
    rules: {
      ...js.configs.recommended.rules,
      "no-undef": "error",
      // one IIFE: a part's top-level names are the others' globals, not redeclarations
      "no-redeclare": ["error", { builtinGlobals: false }],
      "no-unused-vars": ["error", { vars: "local", args: "none", caughtErrors: "none" }],
      // Java's Long.MAX_VALUE and friends are written as Java spells them; V8 rounds them to doubles
      "no-loss-of-precision": "off",
      // style only, in files other work owns: not this lint's business
      "no-useless-escape": "off",
    },
  },
];
