/** @odoo-module **/

import {clickMenu, openApp} from "./tour_steps";
import {registry} from "@web/core/registry";

const TEMPLATE = "/qualitaetsmentor/static/import/tandems.csv";

registry.category("web_tour.tours").add("qualitaetsmentor_takeover_import", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu(
      "The running tandems of the paper records come in here",
      "qualitaetsmentor.menu_takeover"
    ),
    {
      content: "The empty list says in German how to bring them in",
      trigger:
        ".o_view_nocontent:contains('Übernehmen Sie die Tandems, die auf Papier liefen')",
    },
    {
      content: "Open the gear menu",
      trigger: ".o_cp_action_menus i.fa-cog",
      run: "click",
    },
    {
      content: "Import records",
      trigger: ".o_import_menu",
      run: "click",
    },
    {
      content: "The import screen offers the German template for running tandems",
      trigger: `.o_import_action a[href='${TEMPLATE}']:contains('Importvorlage für laufende Tandems')`,
    },
    {
      content: "Upload the template, as a coordinator saves it from Excel",
      trigger: ".o_control_panel button.o_import_file",
      async run() {
        const content = await (await fetch(TEMPLATE)).blob();
        const file = new File([content], "laufende-tandems.csv", {
          type: "text/csv",
        });
        const input = document.querySelector(".o_control_panel input[type='file']");
        const transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", {bubbles: true}));
      },
    },
    {
      content: "Every German header found its field",
      trigger:
        ".o_import_data_content:contains('Letzter dokumentierter Kontakt'):contains('Kennenlerntreffen auf Papier')",
    },
    {
      content: "Test the file",
      trigger: ".o_control_panel button.btn-secondary:contains('Test')",
      run: "click",
    },
    {
      // A column mapped to nothing or a refused row would be a warning or
      // an error here instead of Odoo's "everything seems valid".
      content: "Nothing is missing: no column left out, no refused row",
      trigger: ".o_import_data_content > .border-bottom p.alert-info",
      // The test run creates the tandem and rolls it back: slow on a busy
      // machine.
      timeout: 60000,
    },
    {
      content: "Import",
      trigger: ".o_control_panel button.btn-primary:not(.o_import_file)",
      run: "click",
    },
    {
      content: "The tandem stands in the list, in accompaniment",
      trigger:
        ".o_list_view .o_data_row:contains('Maria Muster & Lea Probe'):contains('Begleitung')",
      timeout: 60000,
    },
  ],
});
