// ESLint flat config: type-aware typescript-eslint rules plus the folder
// boundaries from the architecture (profiling/ is pure; api/ never reaches
// into workers/ internals, and the reverse).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ioModules = ["express", "pg", "pg-copy-streams", "ioredis", "bullmq", "node-cron", "pino", "pino-http", "@prisma/*", "prisma", "node:fs", "node:fs/promises", "node:net", "node:http", "node:child_process", "fs", "http", "net", "child_process"];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "generated/", "coverage/", "test-artifacts/", "web/dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": ["error",
        { selector: "NewExpression[callee.name='Function']", message: "No new Function: compile to closures." },
        { selector: "CallExpression[callee.name='eval']", message: "No eval." }],
    },
  },
  {
    files: ["profiling/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["**/api/**", "**/workers/**", "**/core/**", "**/cli/**", "**/generated/**"], message: "profiling/ is pure: it imports nothing from api/, workers/, core/ or cli/." },
          { group: ioModules, message: "profiling/ is pure: no I/O, no Express, no Prisma." },
          { group: ["node:vm", "vm"], message: "No vm: compile to closures." },
        ],
      }],
    },
  },
  {
    files: ["api/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/workers/jobs/**", "**/workers/main*", "**/workers/scheduler*"], message: "api/ talks to workers only through core/ and the queue catalog." }],
      }],
    },
  },
  {
    // core/ sits below every entry point: use cases and the job catalog
    // (core/jobs/) are shared by api/, workers/ and cli/, never the reverse.
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/api/**", "**/workers/**", "**/cli/**"], message: "core/ never imports api/, workers/ or cli/ (the job catalog lives in core/jobs/)." }],
      }],
    },
  },
  {
    files: ["workers/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/api/**"], message: "workers/ never import the HTTP layer." }],
      }],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      // supertest's response bodies are untyped JSON: tests assert on them directly.
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  // CommonJS tooling scripts (.ci/) are outside every tsconfig: lint them without type information.
  { files: ["**/*.cjs"], ...tseslint.configs.disableTypeChecked, languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" } }, rules: { ...tseslint.configs.disableTypeChecked.rules, "@typescript-eslint/no-require-imports": "off" } },
);
