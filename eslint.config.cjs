// eslint for the addons' JavaScript, after the OCA's configuration for 18.0:
// its failing rules ("error") and the most useful of its warnings. Odoo 18
// loads every file under static/src and static/tests as an ES module.
// pre-commit installs eslint, eslint-plugin-jsdoc and globals (see
// .pre-commit-config.yaml) and puts them on NODE_PATH for the requires below.
const globals = require("globals");
const jsdoc = require("eslint-plugin-jsdoc");

module.exports = [
    {
        plugins: {jsdoc},
        languageOptions: {
            ecmaVersion: 2024,
            sourceType: "script",
            globals: {
                ...globals.browser,
                _: "readonly",
                $: "readonly",
                luxon: "readonly",
                odoo: "readonly",
                owl: "readonly",
                QUnit: "readonly",
            },
        },
        rules: {
            // failing
            "init-declarations": "error",
            "no-cond-assign": "error",
            "no-const-assign": "error",
            "no-debugger": "error",
            "no-dupe-args": "error",
            "no-dupe-class-members": "error",
            "no-dupe-keys": "error",
            "no-duplicate-case": "error",
            "no-duplicate-imports": "error",
            "no-empty-function": "error",
            "no-empty-pattern": "error",
            "no-eq-null": "error",
            "no-eval": "error",
            "no-ex-assign": "error",
            "no-func-assign": "error",
            "no-global-assign": "error",
            "no-lonely-if": "error",
            "no-return-assign": "error",
            "no-undef": "error",
            "no-unneeded-ternary": "error",
            "no-unreachable": "error",
            "no-unsafe-finally": "error",
            "no-unused-expressions": "error",
            "no-unused-labels": "error",
            "no-unused-vars": "error",
            "no-use-before-define": "error",
            "operator-assignment": ["error", "always"],
            "spaced-comment": ["error", "always"],
            strict: ["error", "function"],
            "use-isnan": "error",
            // shown, not failing
            "array-callback-return": "warn",
            complexity: ["warn", 15],
            "dot-notation": "warn",
            eqeqeq: "warn",
            "no-alert": "warn",
            "no-else-return": "warn",
            "no-empty": "warn",
            "no-fallthrough": "warn",
            "no-implicit-coercion": ["warn", {allow: ["~"]}],
            "no-param-reassign": "warn",
            "no-shadow": "warn",
            "no-throw-literal": "warn",
            "no-useless-concat": "warn",
            "no-useless-escape": "warn",
            "prefer-const": "warn",
            "valid-typeof": "warn",
            "jsdoc/check-tag-names": ["warn", {definedTags: ["odoo-module"]}],
            "jsdoc/check-types": "warn",
        },
    },
    {
        files: [
            "**/*.esm.js",
            "**/*test.js",
            "**/static/src/**/*.js",
            "**/static/tests/**/*.js",
        ],
        languageOptions: {sourceType: "module"},
    },
];
