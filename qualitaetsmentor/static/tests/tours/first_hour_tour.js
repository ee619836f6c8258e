/** @odoo-module **/

import {registry} from "@web/core/registry";
import {clickMenu, openApp} from "./tour_steps";

// An administrator's first hour, in German (issue 12): Odoo has opened the
// app after the installation; no programme exists yet.
registry.category("web_tour.tours").add("qualitaetsmentor_first_hour_admin", {
  steps: () => [
    {
      content: "The start page tells the first steps",
      trigger:
        ".o_view_nocontent:contains('Richten Sie QualitätsMENTOR in drei Schritten ein'):contains('Einstellungen → Benutzer')",
    },
    clickMenu("The board", "qualitaetsmentor.menu_board"),
    {
      content: "The empty board tells the same steps, without sample cards",
      trigger:
        ".o_kanban_view:not(:has(.o_kanban_record:not(.o_kanban_ghost))) .o_view_nocontent:contains('Richten Sie QualitätsMENTOR in drei Schritten ein')",
    },
    {
      content: "Follow the first step: create a programme",
      trigger: ".o_view_nocontent a.btn-primary:contains('Programm anlegen')",
      run: "click",
    },
    {
      content: "Name the programme",
      trigger: ".o_form_view .o_field_widget[name='name'] input",
      run: "edit Lesepaten Hamburg-Altona",
    },
    {
      content: "Look for the coordinator",
      trigger: ".o_form_view .o_field_widget[name='coordinator_ids'] input",
      run: "edit Clara",
    },
    {
      content:
        "Only the colleague with the coordinator role is offered, no quick-create",
      trigger:
        ".o-autocomplete--dropdown-menu:contains('Clara Koordinatorin'):not(:contains('Clara Ohnerolle')):not(:contains('Erstellen'))",
    },
    {
      content: "Add her",
      trigger: ".o-autocomplete--dropdown-item:contains('Clara Koordinatorin')",
      run: "click",
    },
    {
      content: "She is a coordinator of the programme",
      trigger:
        ".o_form_view .o_field_widget[name='coordinator_ids'] .o_tag:contains('Clara Koordinatorin')",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "Saved",
      trigger:
        ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_button_save:visible))",
    },
    clickMenu("Open the configuration", "qualitaetsmentor.menu_configuration"),
    clickMenu("Open the settings", "qualitaetsmentor.menu_settings"),
    {
      content:
        "The settings block has the organisation's time zone and the first steps",
      trigger:
        ".o_form_view:contains('Zeitzone der Organisation'):contains('Erste Schritte'):contains('Anonymisierungsprotokoll')",
    },
  ],
});

// Then the coordinator she added logs in: the app is there, the board is
// empty and its columns are German.
registry.category("web_tour.tours").add("qualitaetsmentor_first_hour_coordinator", {
  url: "/odoo",
  steps: () => [
    ...openApp(),
    clickMenu("Open the board", "qualitaetsmentor.menu_board"),
    {
      content: "The board has the German columns and no card",
      trigger:
        ".o_kanban_view:has(.o_column_title:contains('Gewinnung')):has(.o_column_title:contains('Begleitung')):not(:has(.o_kanban_record:not(.o_kanban_ghost)))",
    },
  ],
});
