/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

registry.category("web_tour.tours").add("qualitaetsmentor_board_drag", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu(
      "The app opens on the coordinator's overview; go to the board",
      "qualitaetsmentor.menu_board"
    ),
    {
      content: "The tandem waits in the matching column",
      trigger:
        ".o_kanban_group:has(.o_column_title:contains('Matching')) .o_kanban_record:contains('Tour Mentorin & Tour Mentee')",
    },
    {
      content: "Drag it into accompaniment",
      trigger: ".o_kanban_record:contains('Tour Mentorin & Tour Mentee')",
      run: "drag_and_drop (.o_kanban_group:has(.o_column_title:contains('Accompaniment')))",
    },
    {
      content: "It now stands in the accompaniment column",
      trigger:
        ".o_kanban_group:has(.o_column_title:contains('Accompaniment')) .o_kanban_record:contains('Tour Mentorin & Tour Mentee')",
    },
  ],
});
