/** @odoo-module **/
/* The page "Ready to Be Matched" (issue 14): waiting mentees and available
 * mentors with filters, and a map of both. Leaflet (BSD-2, static/lib) is
 * loaded only here; without a tile server set in the settings the map shows
 * the markers on a plain background and sends nothing to a third party. */

import {
  Component,
  onMounted,
  onWillStart,
  onWillUnmount,
  useRef,
  useState,
} from "@odoo/owl";
import {loadCSS, loadJS} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const LEAFLET = "/qualitaetsmentor/static/lib/leaflet/";
const COLOURS = {mentee: "#d9534f", mentor: "#2c7be5"};

export class ReadyForMatching extends Component {
  static template = "qualitaetsmentor.ReadyForMatching";
  static props = ["*"];

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.mapRef = useRef("map");
    this.state = useState({
      data: {programs: [], mentees: [], mentors: [], tile_url: ""},
      programId: "",
      search: "",
      mapFailed: false,
    });
    onWillStart(async () => {
      this.state.data = await this.orm.call(
        "mentoring.match.suggestion",
        "get_ready_for_matching",
        []
      );
      if (this.located.length) {
        try {
          await loadCSS(LEAFLET + "leaflet.css");
          await loadJS(LEAFLET + "leaflet.js");
        } catch {
          this.state.mapFailed = true;
        }
      }
    });
    onMounted(() => this.renderMap());
    onWillUnmount(() => this.map && this.map.remove());
  }

  _matches(profile) {
    const search = this.state.search.trim().toLowerCase();
    const programId = Number(this.state.programId);
    return (
      (!programId || profile.program_id === programId) &&
      (!search ||
        [profile.name, profile.languages, profile.interests, profile.city]
          .join(" ")
          .toLowerCase()
          .includes(search))
    );
  }

  get mentees() {
    return this.state.data.mentees.filter((p) => this._matches(p));
  }

  get mentors() {
    return this.state.data.mentors.filter((p) => this._matches(p));
  }

  get located() {
    const all = [
      ...this.state.data.mentees.map((p) => ({...p, role: "mentee"})),
      ...this.state.data.mentors.map((p) => ({...p, role: "mentor"})),
    ];
    return all.filter((p) => p.lat !== false && p.lon !== false);
  }

  get showMap() {
    return Boolean(this.located.length) && !this.state.mapFailed;
  }

  waitingLabel(profile) {
    if (profile.waiting_days === false) {
      return "";
    }
    return _t("%(days)s days", {days: profile.waiting_days});
  }

  renderMap() {
    const L = window.L;
    if (!this.showMap || !L || !this.mapRef.el) {
      return;
    }
    if (this.map) {
      this.map.remove();
    }
    this.map = L.map(this.mapRef.el, {attributionControl: false});
    const url = this.state.data.tile_url;
    if (url) {
      L.tileLayer(url, {maxZoom: 19}).addTo(this.map);
    }
    const ROLES = {mentee: _t("Mentee"), mentor: _t("Mentor")};
    const points = [];
    const shown = new Set([
      ...this.mentees.map((p) => `mentee-${p.id}`),
      ...this.mentors.map((p) => `mentor-${p.id}`),
    ]);
    for (const profile of this.located) {
      if (!shown.has(`${profile.role}-${profile.id}`)) {
        continue;
      }
      const point = [profile.lat, profile.lon];
      points.push(point);
      L.circleMarker(point, {
        radius: 8,
        color: COLOURS[profile.role],
        fillOpacity: 0.7,
      })
        .bindTooltip(`${ROLES[profile.role]}: ${profile.name}`)
        .on("click", () => this.openProfile(profile.role, profile.id))
        .addTo(this.map);
    }
    if (points.length) {
      this.map.fitBounds(points, {padding: [30, 30], maxZoom: 14});
    } else {
      this.map.setView([51.2, 10.4], 5);
    }
  }

  onFilter() {
    // The map follows the filters once the lists are rendered.
    Promise.resolve().then(() => this.renderMap());
  }

  openProfile(role, id) {
    this.action.doAction({
      type: "ir.actions.act_window",
      res_model: `mentoring.${role}`,
      res_id: id,
      views: [[false, "form"]],
      target: "current",
    });
  }

  async suggest(role, id) {
    const method =
      role === "mentee" ? "action_suggest_mentors" : "action_suggest_mentees";
    const action = await this.orm.call(`mentoring.${role}`, method, [[id]]);
    this.action.doAction(action);
  }
}

registry
  .category("actions")
  .add("qualitaetsmentor.ready_for_matching", ReadyForMatching);
