/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

registry.category("web_tour.tours").add("qualitaetsmentor_readonly_board", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    {
      content: "The board shows the tandem under a neutral name",
      trigger:
        ".o_kanban_record:contains('Tour Vorstandsprogramm'):contains('Tandem ')",
    },
    {
      content: "No name of mentor or mentee on the board",
      trigger: ".o_kanban_view:not(:contains('Geheimnisvoll'))",
    },
    {
      content: "Only the board in the menu",
      trigger:
        ".o_main_navbar:not(:has([data-menu-xmlid='qualitaetsmentor.menu_mentors']))",
    },
    {
      content: "Open the tandem",
      trigger: ".o_kanban_record:contains('Tour Vorstandsprogramm')",
      run: "click",
    },
    {
      content: "The form shows the dates and the key moments",
      trigger: ".o_form_view .o_notebook .nav-link:contains('Key Moments')",
    },
    {
      content: "...but neither notes nor chatter nor names",
      trigger:
        ".o_form_view:not(:has(.o-mail-Chatter)):not(:has(.nav-link:contains('Notes'))):not(:contains('Geheimnisvoll'))",
    },
  ],
});

registry.category("web_tour.tours").add("qualitaetsmentor_anonymization_preview", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Open the configuration", "qualitaetsmentor.menu_configuration"),
    clickMenu("Open the anonymisation", "qualitaetsmentor.menu_anonymization_preview"),
    {
      content: "The preview says the daily run is off",
      trigger: ".modal .alert-info:contains('The daily anonymisation is off')",
    },
    {
      content: "It lists the ended tandem",
      trigger: ".modal .o_data_row:contains('Tour Endmentorin & Tour Endmentee')",
    },
    {
      content: "Anonymise",
      trigger: ".modal button[name='action_anonymize']",
      run: "click",
    },
    {
      content: "Confirm",
      trigger: ".modal:contains('removed for good') .modal-footer .btn-primary",
      run: "click",
    },
    {
      content: "The run is logged",
      trigger: ".o_form_view:contains('Anonymisation of')",
    },
  ],
});

registry.category("web_tour.tours").add("qualitaetsmentor_personal_data_export", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Open the mentors", "qualitaetsmentor.menu_mentors"),
    {
      content: "Open the mentor",
      trigger: ".o_data_row:contains('Tour Auskunftsmentorin') .o_data_cell",
      run: "click",
    },
    {
      content: "Export her personal data",
      trigger: ".o_form_view button[name='action_export_personal_data']",
      run: "click",
    },
    {
      content: "The file is ready to download",
      trigger: ".modal .o_field_binary:contains('personal-data-mentor-')",
    },
    {
      content: "Close",
      trigger: ".modal .modal-footer button:contains('Close')",
      run: "click",
    },
    {
      content: "The export is noted on the profile",
      trigger: ".o-mail-Chatter:contains('Personal data exported')",
    },
  ],
});
