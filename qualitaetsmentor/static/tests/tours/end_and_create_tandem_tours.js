/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

const CARD = ".o_kanban_record:contains('Ende Mentorin & Ende Mentee')";

// Issue 13, item 5: a German coordinator ends a tandem in the dialog.
registry.category("web_tour.tours").add("qualitaetsmentor_end_tandem_de", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Go to the board", "qualitaetsmentor.menu_board"),
    {
      content: "The tandem stands in accompaniment",
      trigger: `.o_kanban_group:has(.o_column_title:contains('Begleitung')) ${CARD}`,
      run: "click",
    },
    {
      content: "End it with the button of its form",
      trigger: ".o_form_view .o_statusbar_buttons button:contains('Tandem beenden')",
      run: "click",
    },
    {
      content: "The dialog proposes the closing talk",
      trigger:
        ".modal .o_field_widget[name='talk_ids'] .o_data_row:contains('Abschlussgespräch')",
    },
    {
      content: "Choose the end reason",
      trigger: ".modal .o_field_widget[name='end_reason_id'] input",
      run: "edit Reguläres",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Reguläres Ende')",
      run: "click",
    },
    {
      content: "Say what the closing talk was",
      trigger: ".modal .o_field_widget[name='talk_ids'] .o_data_row td[name='summary']",
      run: "click",
    },
    {
      trigger:
        ".modal .o_field_widget[name='talk_ids'] .o_data_row [name='summary'] input",
      run: "edit Abschied im Zoo mit beiden",
    },
    {
      content: "End the tandem",
      trigger: ".modal footer button[name='action_end']",
      run: "click",
    },
    {
      content: "The tandem is closed",
      trigger:
        ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Abschluss')",
    },
    {
      content: "The closing talk is one of its key moments",
      trigger:
        ".o_field_widget[name='key_moment_ids'] .o_data_row:contains('Abschied im Zoo mit beiden')",
    },
  ],
});

// Issue 13, item 4: "Create Tandem" from a mentor's form.
registry.category("web_tour.tours").add("qualitaetsmentor_create_tandem_de", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Open the mentors", "qualitaetsmentor.menu_mentors"),
    {
      content: "Open the new mentor",
      trigger: ".o_data_row:contains('Neu Mentorin') td[name='name']",
      run: "click",
    },
    {
      content: "She waits for a tandem",
      trigger:
        ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Bereit')",
    },
    {
      content: "Create a tandem from her form",
      trigger: ".o_form_view .o_statusbar_buttons button:contains('Tandem anlegen')",
      run: "click",
    },
    {
      content: "The new tandem has her and her programme",
      trigger:
        ".o_form_view .o_field_widget[name='mentor_id'] input:value(Neu Mentorin)",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='program_id'] input:value(Neu Programme)",
    },
    {
      content: "Choose the mentee",
      trigger: ".o_form_view .o_field_widget[name='mentee_id'] input",
      run: "edit Neu Mentee",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Neu Mentee')",
      run: "click",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "The tandem is saved with both names",
      trigger:
        ".o_form_view .o_form_saved .o_field_widget[name='name'] input:value(Neu Mentorin & Neu Mentee)",
    },
  ],
});
