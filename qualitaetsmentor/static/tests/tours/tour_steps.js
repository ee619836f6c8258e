/** @odoo-module **/

import {stepUtils} from "@web_tour/tour_service/tour_utils";

/** The steps that open QualitätsMENTOR from the apps menu, as a user does. */
export function openApp() {
  return stepUtils.goToAppSteps("qualitaetsmentor.menu_root", "Open QualitätsMENTOR");
}

/**
 * A click on the menu item `xmlid`: a section of the navbar, or an item of
 * the section's dropdown once it is open.
 */
export function clickMenu(content, xmlid) {
  return {content, trigger: `[data-menu-xmlid='${xmlid}']`, run: "click"};
}
