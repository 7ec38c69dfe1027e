// QGIS styles and Chinese field titles inside every output GeoPackage, so that a clerk who drags
// the file into QGIS sees a readable map with field names she can read:
// - `layer_styles`, the table QGIS reads a layer's default style from (QML, with SLD beside it
//   for other clients), one row per output layer it knows;
// - `gpkg_data_columns` (the GeoPackage schema extension), a Chinese title per output field; the
//   QML carries the same titles as QGIS field aliases.
#include "styles.hpp"

#include <map>
#include <string>
#include <vector>

#include "ogr_util.hpp"
#include "panhuo/tables/code_labels.hpp"

namespace panhuo::detail {
namespace {

struct Category {
  std::string value, label, color;  // color "r,g,b"
};

// How a layer is drawn: categories of a text or integer field, or classes of a real one
// (`bounds` are the upper limits of each class but the last).
struct Style {
  std::string field;
  std::vector<Category> categories;
  std::vector<double> bounds;
  std::string single_color;  // when neither
  double opacity = 0.8;      // of the fill; the towns' lighter so that the plots on them show
};

// The categories of a coded field, each labelled as the ledger and the report label the code
// (panhuo/tables/code_labels.hpp): value and colour "r,g,b".
std::vector<Category> Coded(const std::string& layer, const std::string& field,
                            const std::vector<std::pair<std::string, std::string>>& colors) {
  std::vector<Category> out;
  for (const auto& [value, color] : colors) out.push_back({value, CodeLabel(layer, field, value), color});
  return out;
}

const std::map<std::string, Style>& Styles() {
  static const std::map<std::string, Style> s = {
      {"unsupplied", {"lapsed", {{"1", "已失效", "215,25,28"}, {"0", "未失效", "231,41,138"}}, {}, ""}},
      {"supply_status",
       {"status",
        Coded("supply_status", "status",
              {{"idle_unstarted", "215,25,28"}, {"idle_stalled", "253,174,97"}, {"in_use", "26,150,65"},
               {"pending", "171,217,233"}}),
        {}, ""}},
      {"idle",
       {"action", Coded("idle", "action", {{"recover", "165,0,38"}, {"fee", "244,109,67"}, {"negotiate", "69,117,180"}}),
        {}, ""}},
      {"towns",
       {"completion",
        {{"", "低于50%", "215,25,28"}, {"", "50%–80%", "253,174,97"}, {"", "80%–100%", "255,255,191"},
         {"", "完成", "26,150,65"}},
        {0.5, 0.8, 1.0}, "", 0.35}},
      {"warnings",
       {"days_left", {{"", "30天内", "215,25,28"}, {"", "31–60天", "253,174,97"}, {"", "61天以上", "255,255,153"}},
        {30.5, 60.5}, ""}},
      {"d_class_parcels", {"", {}, {}, "118,42,131"}},
      {"reserve_unsupplied",
       {"kind",
        Coded("reserve_unsupplied", "kind", {{"purchase", "49,130,189"}, {"recovered", "158,202,225"}, {"other", "198,219,239"}}),
        {}, ""}},
      {"unfit_for_supply", {"", {}, {}, "0,109,44"}},
      {"low_efficiency",
       {"reason",
        Coded("low_efficiency", "reason",
              {{"no_enterprise", "140,81,10"}, {"no_output", "216,179,101"}, {"d_class", "118,42,131"}}),
        {}, ""}},
      {"rejects", {"", {}, {}, "150,150,150"}},
      {"undetermined", {"", {}, {}, "0,0,0"}},
      // v3: work plans (resolved and unknown plans have no geometry)
      {"plan_status", {"status", Coded("plan_status", "status", {{"overdue", "215,25,28"}, {"open", "253,174,97"}}), {}, ""}},
      // v3: the reviews' hard plots, in the colours of their lists
      {"hard_plots", {"kind", Coded("hard_plots", "kind", {{"unsupplied", "231,41,138"}, {"idle", "165,0,38"}}), {}, ""}}};
  return s;
}

std::string Escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string Hex(const std::string& rgb) {
  int r = 0, g = 0, b = 0;
  std::sscanf(rgb.c_str(), "%d,%d,%d", &r, &g, &b);
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

std::string QmlSymbol(int i, const std::string& rgb, double opacity) {
  return "<symbol type=\"fill\" name=\"" + std::to_string(i) + "\" alpha=\"" + std::to_string(opacity) +
         "\" clip_to_extent=\"1\" force_rhr=\"0\">"
         "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
         "<Option name=\"color\" type=\"QString\" value=\"" + rgb + ",255\"/>"
         "<Option name=\"outline_color\" type=\"QString\" value=\"60,60,60,255\"/>"
         "<Option name=\"outline_width\" type=\"QString\" value=\"0.2\"/>"
         "<Option name=\"style\" type=\"QString\" value=\"solid\"/></Option></layer></symbol>";
}

std::string QmlRenderer(const Style& st) {
  std::string symbols, body;
  if (!st.single_color.empty()) return "<renderer-v2 type=\"singleSymbol\"><symbols>" + QmlSymbol(0, st.single_color, st.opacity) + "</symbols></renderer-v2>";
  for (size_t i = 0; i < st.categories.size(); ++i) {
    const Category& c = st.categories[i];
    symbols += QmlSymbol(static_cast<int>(i), c.color, st.opacity);
    if (st.bounds.empty()) {
      body += "<category render=\"true\" symbol=\"" + std::to_string(i) + "\" value=\"" + Escape(c.value) + "\" label=\"" + Escape(c.label) + "\"/>";
    } else {
      const double lo = i == 0 ? -1e12 : st.bounds[i - 1], hi = i < st.bounds.size() ? st.bounds[i] : 1e12;
      body += "<range render=\"true\" symbol=\"" + std::to_string(i) + "\" lower=\"" + std::to_string(lo) + "\" upper=\"" +
              std::to_string(hi) + "\" label=\"" + Escape(c.label) + "\"/>";
    }
  }
  if (st.bounds.empty())
    return "<renderer-v2 type=\"categorizedSymbol\" attr=\"" + st.field + "\"><categories>" + body + "</categories><symbols>" + symbols + "</symbols></renderer-v2>";
  return "<renderer-v2 type=\"graduatedSymbol\" attr=\"" + st.field + "\" graduatedMethod=\"GraduatedColor\"><ranges>" + body +
         "</ranges><symbols>" + symbols + "</symbols></renderer-v2>";
}

std::string Qml(const Style* st, OGRLayer* l) {
  std::string aliases;
  OGRFeatureDefn* d = l->GetLayerDefn();
  for (int i = 0; i < d->GetFieldCount(); ++i) {
    const std::string name = d->GetFieldDefn(i)->GetNameRef();
    const std::string title = FieldTitle(l->GetName(), name);
    if (!title.empty())
      aliases += "<alias field=\"" + Escape(name) + "\" index=\"" + std::to_string(i) + "\" name=\"" + Escape(title) + "\"/>";
  }
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
         "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Fields\">" +
         (st && l->GetGeomType() != wkbNone ? QmlRenderer(*st) : std::string()) + "<aliases>" + aliases + "</aliases></qgis>";
}

std::string SldRule(const std::string& name, const std::string& filter, const std::string& rgb, double opacity) {
  return "<se:Rule><se:Name>" + Escape(name) + "</se:Name>" + filter +
         "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name=\"fill\">" + Hex(rgb) +
         "</se:SvgParameter><se:SvgParameter name=\"fill-opacity\">" + std::to_string(opacity) +
         "</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name=\"stroke\">#3c3c3c</se:SvgParameter>"
         "<se:SvgParameter name=\"stroke-width\">0.5</se:SvgParameter></se:Stroke></se:PolygonSymbolizer></se:Rule>";
}

std::string Sld(const std::string& layer, const Style& st) {
  std::string rules;
  auto prop = [&](const char* op, const std::string& v) {
    return "<ogc:" + std::string(op) + "><ogc:PropertyName>" + st.field + "</ogc:PropertyName><ogc:Literal>" + Escape(v) +
           "</ogc:Literal></ogc:" + op + ">";
  };
  if (!st.single_color.empty()) rules = SldRule(layer, "", st.single_color, st.opacity);
  for (size_t i = 0; i < st.categories.size(); ++i) {
    const Category& c = st.categories[i];
    std::string f;
    if (st.bounds.empty()) f = prop("PropertyIsEqualTo", c.value);
    else if (i == 0) f = prop("PropertyIsLessThan", std::to_string(st.bounds[0]));
    else if (i < st.bounds.size())
      f = "<ogc:And>" + prop("PropertyIsGreaterThanOrEqualTo", std::to_string(st.bounds[i - 1])) +
          prop("PropertyIsLessThan", std::to_string(st.bounds[i])) + "</ogc:And>";
    else f = prop("PropertyIsGreaterThanOrEqualTo", std::to_string(st.bounds[i - 1]));
    rules += SldRule(c.label, "<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\">" + f + "</ogc:Filter>", c.color, st.opacity);
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><StyledLayerDescriptor version=\"1.1.0\" "
         "xmlns=\"http://www.opengis.net/sld\" xmlns:se=\"http://www.opengis.net/se\" "
         "xmlns:ogc=\"http://www.opengis.net/ogc\"><NamedLayer><se:Name>" + layer +
         "</se:Name><UserStyle><se:Name>" + layer + "</se:Name><se:FeatureTypeStyle>" + rules +
         "</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>";
}

Status Exec(GDALDataset* ds, const std::string& sql) {
  auto r = RunSql(ds, sql);
  return r.ok() ? Status{} : Status::Error("cannot write field titles: " + r.status().message());
}

Status WriteTitles(GDALDataset* ds, const std::vector<OGRLayer*>& layers) {
  if (Status s = Exec(ds, "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                          "name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
                          "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))");
      !s.ok())
    return s;
  if (Status s = Exec(ds, "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
                          "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
                          "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
      !s.ok())
    return s;
  if (Status s = Exec(ds, "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                          "VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
                          "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')");
      !s.ok())
    return s;
  // one statement for every title: one transaction instead of one per row
  std::string rows;
  for (OGRLayer* l : layers) {
    OGRFeatureDefn* d = l->GetLayerDefn();
    for (int i = 0; i < d->GetFieldCount(); ++i) {
      const std::string field = d->GetFieldDefn(i)->GetNameRef(), title = FieldTitle(l->GetName(), field);
      if (title.empty()) continue;
      rows += std::string(rows.empty() ? "" : ", ") + "(" + SqlText(l->GetName()) + ", " + SqlText(field) + ", " +
              SqlText(title) + ", " + SqlText(title) + ")";
    }
  }
  if (rows.empty()) return {};
  return Exec(ds, "INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title) VALUES " + rows);
}

}  // namespace

Status WriteStylesAndTitles(GDALDataset* ds) {
  std::vector<OGRLayer*> layers;
  for (int i = 0; i < ds->GetLayerCount(); ++i)
    if (std::string(ds->GetLayer(i)->GetName()) != "layer_styles") layers.push_back(ds->GetLayer(i));
  Status st;
  LayerWriter w(ds, "layer_styles", wkbNone, nullptr,
                {{"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString},
                 {"f_geometry_column", OFTString}, {"styleName", OFTString}, {"styleQML", OFTString},
                 {"styleSLD", OFTString}, {"useAsDefault", OFTInteger}, {"description", OFTString},
                 {"owner", OFTString}, {"ui", OFTString}, {"update_time", OFTDateTime}},
                st);
  if (!st.ok()) return st;
  for (OGRLayer* l : layers) {
    auto it = Styles().find(l->GetName());
    const Style* style = it == Styles().end() ? nullptr : &it->second;
    OGRFeature* f = w.New();
    f->SetField("f_table_catalog", "");
    f->SetField("f_table_schema", "");
    f->SetField("f_table_name", l->GetName());
    f->SetField("f_geometry_column", l->GetGeomType() == wkbNone ? "" : l->GetGeometryColumn());
    f->SetField("styleName", l->GetName());
    f->SetField("styleQML", Qml(style, l).c_str());
    if (style && l->GetGeomType() != wkbNone) f->SetField("styleSLD", Sld(l->GetName(), *style).c_str());
    f->SetField("useAsDefault", 1);
    f->SetField("description", "panhuo");
    if (Status s = w.Commit(); !s.ok()) return s;
  }
  if (Status s = w.Finish(); !s.ok()) return s;
  return WriteTitles(ds, layers);
}

}  // namespace panhuo::detail
