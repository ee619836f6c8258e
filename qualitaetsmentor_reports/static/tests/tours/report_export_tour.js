/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "@qualitaetsmentor/../tests/tours/tour_steps";

registry.category("web_tour.tours").add("qualitaetsmentor_reports_export", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Open the Reporting menu", "qualitaetsmentor_reports.menu_reporting"),
    clickMenu(
      "Open the tandem analysis",
      "qualitaetsmentor_reports.menu_tandem_analysis"
    ),
    {
      content: "The pivot table counts the tandem of the programme",
      trigger: ".o_pivot .o_pivot_header_cell_closed:contains('Tour Report Programme')",
    },
    clickMenu(
      "Open the Reporting menu again",
      "qualitaetsmentor_reports.menu_reporting"
    ),
    clickMenu(
      "Open the workbook export",
      "qualitaetsmentor_reports.menu_report_export"
    ),
    {
      content: "Choose the tandem register",
      trigger: ".modal .o_field_widget[name='workbook'] input[data-value='register']",
      run: "click",
    },
    {
      content: "Export it",
      trigger: ".modal .modal-footer button[name='action_export']",
      run: "click",
    },
    {
      content: "The workbook is ready to download",
      trigger: ".modal .o_field_widget[name='file_data'] :contains('.xlsx')",
    },
  ],
});
