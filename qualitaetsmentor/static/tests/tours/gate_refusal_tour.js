/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

const CARD = ".o_kanban_record:contains('Gate Mentorin & Gate Mentee')";

registry.category("web_tour.tours").add("qualitaetsmentor_gate_refusal", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    {
      content: "The start page shows the coordinator's tandems by health",
      trigger: `.o_mentoring_overview_kanban .o_kanban_group:has(.o_column_title:contains('OK')) ${CARD}`,
    },
    {
      content: "Its card says that a requirement is missing for the next phase",
      trigger: `${CARD} .o_mentoring_overview_due:contains('1 requirement missing for the next phase')`,
    },
    clickMenu("Go to the board", "qualitaetsmentor.menu_board"),
    {
      content: "On the board the card shows its open requirement",
      trigger: `.o_kanban_group:has(.o_column_title:contains('Matching')) ${CARD} .o_mentoring_open_requirements`,
    },
    {
      content: "Drag it into accompaniment without a getting-to-know meeting",
      trigger: CARD,
      run: "drag_and_drop (.o_kanban_group:has(.o_column_title:contains('Accompaniment')))",
    },
    {
      content: "The gate refuses and says what is missing",
      trigger:
        ".o_error_dialog:contains('cannot enter the phase Accompaniment'):contains('Documented getting-to-know meeting')",
    },
    {
      content: "Close the message",
      trigger: ".modal-footer .btn-primary",
      run: "click",
    },
    {
      content: "The tandem stays in matching",
      trigger: `.o_kanban_group:has(.o_column_title:contains('Matching')) ${CARD}`,
    },
    {
      content: "Open it",
      trigger: CARD,
      run: "click",
    },
    {
      content: "Its checklist shows the missing getting-to-know meeting",
      trigger:
        ".o_mentoring_checklist [data-requirement='getting_to_know'].text-danger",
    },
  ],
});
