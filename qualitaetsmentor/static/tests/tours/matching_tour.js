/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

const MENTEE_ROW = ".o_qm_rfm_mentees tr:contains('Tour Wartend')";
const SUGGESTION = ".o_data_row:contains('Tour Passend')";

/* A German coordinator goes from the page "Bereit für das Matching" to a
 * waiting mentee, lets the assistant suggest mentors and proposes a tandem. */
registry.category("web_tour.tours").add("qualitaetsmentor_matching", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu(
      "Open the page of who is ready",
      "qualitaetsmentor.menu_ready_for_matching"
    ),
    {
      content: "The page lists the waiting mentee with her waiting time",
      trigger: `${MENTEE_ROW}:contains('Tage')`,
    },
    {
      content: "and the available mentor",
      trigger: ".o_qm_rfm_mentors tr:contains('Tour Passend')",
    },
    {
      content: "and shows both on the map, without a background from a third party",
      trigger: ".o_qm_rfm_map.leaflet-container:not(:has(.leaflet-tile))",
    },
    {
      content: "Open the mentee",
      trigger: `${MENTEE_ROW} a`,
      run: "click",
    },
    {
      content: "Her form offers the suggestions",
      trigger:
        ".o_form_view button[name='action_suggest_mentors']:contains('Mentor:innen vorschlagen')",
      run: "click",
    },
    {
      content: "The best suggestion comes first, with its reasons in German",
      trigger: `.o_data_row:first-child:contains('Tour Passend'):contains('3,3 km · spricht Arabisch'):contains('Di/Do nachmittags')`,
    },
    {
      content: "The one without coordinates follows, marked as such",
      trigger: ".o_data_row:contains('Tour Ohne Ort'):contains('Entfernung unbekannt')",
    },
    {
      content: "Propose the tandem",
      trigger: `${SUGGESTION} button[name='action_propose_tandem']:contains('Tandem vorschlagen')`,
      run: "click",
    },
    {
      content: "The new tandem opens in the matching phase",
      trigger:
        ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Matching')",
    },
    {
      content: "with both names",
      trigger: ".o_form_view:contains('Tour Passend'):contains('Tour Wartend')",
    },
  ],
});
