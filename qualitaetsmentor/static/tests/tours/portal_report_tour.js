/** @odoo-module **/

import {registry} from "@web/core/registry";

// A mentor on her phone (390 pixels wide) reports a meeting and asks for a
// talk (issue 15, items 3 and 5).
registry.category("web_tour.tours").add("qualitaetsmentor_portal_report", {
  url: "/my",
  steps: () => [
    {
      content: "Her portal shows her tandems",
      trigger: ".o_portal_index_card a[href='/my/tandems']:contains('Meine Tandems')",
      run: "click",
    },
    {
      content: "Her tandem with the mentee's first name only",
      trigger:
        ".o_mentoring_portal_tandem h4 a:contains('Tourkind'):not(:contains('Nachname'))",
      run: "click",
    },
    {
      content: "Report a meeting",
      trigger: ".o_mentoring_report_button:contains('Treffen melden')",
      run: "click",
    },
    {
      content: "The form fits the phone: nothing wider than the screen",
      trigger: ".o_mentoring_report_form",
      run() {
        const width = document.documentElement.scrollWidth;
        if (width > window.innerWidth) {
          throw new Error(`The page is ${width} pixels wide on a phone`);
        }
      },
    },
    {
      content: "How long",
      trigger: "input[name='duration']",
      run: "edit 45",
    },
    {
      content: "What they did",
      trigger: "textarea[name='summary']",
      run: "edit Zusammen im Tierpark",
    },
    {
      content: "It was difficult",
      trigger: "label[for='mentoring_rating_2']",
      run: "click",
    },
    {
      content: "She would like to talk to the coordinator",
      trigger: "input[name='talk']",
      run: "click",
    },
    {
      content: "Save",
      trigger: ".o_mentoring_report_form button[type='submit']",
      run: "click",
    },
    {
      content: "Saved, and listed among her reports",
      trigger: ".o_mentoring_report_saved:contains('Danke')",
    },
    {
      content: "Her report is listed",
      trigger: ".o_mentoring_reports:contains('Zusammen im Tierpark')",
    },
  ],
});
