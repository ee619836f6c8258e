/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("qualitaetsmentor_reports_export", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open QualitätsMENTOR",
            trigger: ".o_app[data-menu-xmlid='qualitaetsmentor.menu_root']",
            run: "click",
        },
        {
            content: "Open the Reporting menu",
            trigger: ".o_menu_sections [data-menu-xmlid='qualitaetsmentor_reports.menu_reporting']",
            run: "click",
        },
        {
            content: "Open the tandem analysis",
            trigger: ".dropdown-item[data-menu-xmlid='qualitaetsmentor_reports.menu_tandem_analysis']",
            run: "click",
        },
        {
            content: "The pivot table counts the tandem of the programme",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains('Tour Report Programme')",
        },
        {
            content: "Open the Reporting menu again",
            trigger: ".o_menu_sections [data-menu-xmlid='qualitaetsmentor_reports.menu_reporting']",
            run: "click",
        },
        {
            content: "Open the workbook export",
            trigger: ".dropdown-item[data-menu-xmlid='qualitaetsmentor_reports.menu_report_export']",
            run: "click",
        },
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
