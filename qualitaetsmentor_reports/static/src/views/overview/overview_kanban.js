import {KanbanRenderer} from "@web/views/kanban/kanban_renderer";
import {MentoringQualityPanel} from "./quality_panel";
import {kanbanView} from "@web/views/kanban/kanban_view";
import {registry} from "@web/core/registry";

export class MentoringOverviewKanbanRenderer extends KanbanRenderer {
  static template = "qualitaetsmentor_reports.OverviewKanbanRenderer";
  static components = {...KanbanRenderer.components, MentoringQualityPanel};
}

registry.category("views").add("mentoring_quality_overview_kanban", {
  ...kanbanView,
  Renderer: MentoringOverviewKanbanRenderer,
});
