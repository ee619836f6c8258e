// prettier, with the XML plugin, in the OCA's style for Odoo 18 (installed by
// pre-commit, see .pre-commit-config.yaml). XML whitespace is kept as it is:
// Odoo shows the text of a view as written.
module.exports = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};
