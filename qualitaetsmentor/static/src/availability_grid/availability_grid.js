import {Component, onWillStart} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {useService} from "@web/core/utils/hooks";

/**
 * The availability grid of a mentor or mentee (issue 14): weekdays as rows,
 * parts of the day as columns, a checkbox per shipped slot. Ticking a box
 * links the slot to the profile's many2many `availability_ids`.
 */
export class AvailabilityGridField extends Component {
  static template = "qualitaetsmentor.AvailabilityGridField";
  static props = {...standardFieldProps};

  setup() {
    this.orm = useService("orm");
    onWillStart(async () => {
      this.grid = await this.orm.call(
        "mentoring.availability.slot",
        "get_availability_grid",
        []
      );
    });
  }

  get list() {
    return this.props.record.data[this.props.name];
  }

  get selectedIds() {
    return new Set(this.list.currentIds);
  }

  slotOf(weekday, part) {
    return this.grid.slots.find(
      (slot) => slot.weekday === weekday && slot.part_of_day === part
    );
  }

  async toggle(slot, checked) {
    if (checked) {
      await this.list.addAndRemove({add: [slot.id]});
    } else {
      await this.list.addAndRemove({remove: [slot.id]});
    }
  }
}

export const availabilityGridField = {
  component: AvailabilityGridField,
  supportedTypes: ["many2many"],
  relatedFields: () => [],
};

registry.category("fields").add("mentoring_availability_grid", availabilityGridField);
