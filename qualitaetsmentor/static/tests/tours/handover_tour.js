/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

registry.category("web_tour.tours").add("qualitaetsmentor_handover", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Open the configuration menu", "qualitaetsmentor.menu_configuration"),
    clickMenu("Start the handover", "qualitaetsmentor.menu_handover"),
    {
      content: "Who hands over",
      trigger: ".modal .o_field_widget[name='from_user_id'] input",
      run: "edit Hanna Abgabe",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Hanna Abgabe')",
      run: "click",
    },
    {
      content: "Both of her tandems are handed over",
      trigger: ".modal .o_field_widget[name='tandem_count']:contains('2')",
    },
    {
      content: "Who takes over",
      trigger: ".modal .o_field_widget[name='to_user_id'] input",
      run: "edit Clara Nachfolge",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Clara Nachfolge')",
      run: "click",
    },
    {
      content: "The successor is chosen",
      trigger: ".modal .o_field_widget[name='to_user_id'] input:value(Clara Nachfolge)",
    },
    {
      content: "A note for the successor",
      trigger: ".modal .o_field_widget[name='note'] textarea",
      run: "edit The Becker family prefers calls after 5 pm.",
    },
    {
      content: "Hand over",
      trigger: ".modal button[name='action_hand_over']",
      run: "click",
    },
    {
      content: "The handover dossier opens with the tandems of the successor",
      trigger:
        ":iframe .o_mentoring_handover_dossier:contains('Coordinator: Clara Nachfolge'):contains('Übergabe Mentorin & Übergabe Mentee')",
    },
  ],
});
