/** @odoo-module **/

import {openApp} from "@qualitaetsmentor/../tests/tours/tour_steps";
import {registry} from "@web/core/registry";

const PANEL = ".o_mentoring_quality_panel";

registry.category("web_tour.tours").add("qualitaetsmentor_reports_quality_panel", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    {
      content: "My Overview shows the quality of this year above the cards",
      trigger: `${PANEL} tr[data-standard='training'] .o_mentoring_quality_mine:contains('100 %')`,
    },
    {
      content: "Next to the rate of the programme",
      trigger: `${PANEL} tr[data-standard='clearance'] .o_mentoring_quality_program:contains('100 %')`,
    },
    {
      content: "The cards are still there",
      trigger: ".o_mentoring_overview_kanban .o_kanban_record",
    },
    {
      content: "The link opens the quality report",
      trigger: `${PANEL} a`,
      run: "click",
    },
    {
      content: "The pivot table of the quality report",
      trigger: ".o_pivot th:contains('Tour Quality Programme')",
    },
  ],
});
