import {Component, onWillStart} from "@odoo/owl";
import {useService} from "@web/core/utils/hooks";

/**
 * The quality of this year on "My Overview": the rates of the coordinator's
 * own tandems next to those of her programmes (issue 16).
 */
export class MentoringQualityPanel extends Component {
  static template = "qualitaetsmentor_reports.QualityPanel";
  static props = {};

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    onWillStart(async () => {
      this.rows = await this.orm.call(
        "mentoring.quality.report",
        "get_overview_panel",
        []
      );
    });
  }

  /**
   * @param {number|false|null} rate a percentage
   * @returns {string} the rate rounded to a whole per cent, or a dash
   */
  formatRate(rate) {
    return rate === null || rate === false ? "–" : `${Math.round(rate)} %`;
  }

  openReport() {
    this.action.doAction("qualitaetsmentor_reports.mentoring_quality_report_action");
  }
}
