/** @odoo-module **/

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("qualitaetsmentor_open_board_and_form", {
  url: "/odoo/action-qualitaetsmentor.mentoring_tandem_action",
  steps: () => [
    {
      content: "The board shows the tandem",
      trigger: ".o_kanban_record:contains('Calls Mentorin & Calls Mentee')",
      run: "click",
    },
    {
      content: "Its form lists the key moments",
      trigger: ".o_form_view .o_field_widget[name='key_moment_ids'] .o_data_row",
    },
  ],
});
