/** @odoo-module **/

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("qualitaetsmentor_availability_grid", {
  steps: () => [
    {
      content: "The grid shows the weekdays and parts of the day in German",
      trigger:
        ".o_mentoring_availability_grid:contains('Mo'):contains('So'):contains('nachmittags')",
    },
    {
      content: "Tick Tuesday afternoon",
      trigger: ".o_mentoring_availability_grid input[name='availability_1_afternoon']",
      run: "click",
    },
    {
      content: "Tick Thursday evening",
      trigger: ".o_mentoring_availability_grid input[name='availability_3_evening']",
      run: "click",
    },
    {
      content: "Both are ticked",
      trigger:
        ".o_mentoring_availability_grid input[name='availability_3_evening']:checked",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "Saved",
      trigger: ".o_form_saved",
    },
  ],
});
