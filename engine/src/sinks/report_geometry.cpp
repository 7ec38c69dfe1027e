// Display geometry of the HTML report: WGS 84, simplified, micro-degree integers, each vertex
// as the difference to the one before. For drawing only; no figure is computed from it.
#include <ogr_geometry.h>

#include <cmath>

#include "ogr_util.hpp"
#include "report_data.hpp"

namespace panhuo::detail {
namespace {

int64_t Micro(double degrees) { return static_cast<int64_t>(std::llround(degrees * 1e6)); }

nlohmann::json EncodeRing(const OGRLinearRing* r) {
  nlohmann::json flat = nlohmann::json::array();
  int64_t lat0 = 0, lon0 = 0;
  bool first = true;
  for (int i = 0; i < r->getNumPoints(); ++i) {
    const int64_t lat = Micro(r->getY(i)), lon = Micro(r->getX(i));
    if (!first && lat == lat0 && lon == lon0) continue;  // repeated after rounding
    flat.push_back(first ? lat : lat - lat0);
    flat.push_back(first ? lon : lon - lon0);
    lat0 = lat;
    lon0 = lon;
    first = false;
  }
  return flat;
}

void AddPolygon(const OGRPolygon* p, nlohmann::json& out) {
  nlohmann::json rings = nlohmann::json::array();
  if (const OGRLinearRing* ext = p->getExteriorRing()) rings.push_back(EncodeRing(ext));
  for (int i = 0; i < p->getNumInteriorRings(); ++i) {
    nlohmann::json hole = EncodeRing(p->getInteriorRing(i));
    if (hole.size() >= 6) rings.push_back(std::move(hole));  // a hole shrunk to a line is dropped
  }
  if (!rings.empty() && rings[0].size() >= 6) out.push_back(std::move(rings));
}

void AddGeometry(const OGRGeometry* g, nlohmann::json& out) {
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbPolygon) {
    AddPolygon(g->toPolygon(), out);
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    for (const OGRGeometry* part : g->toGeometryCollection()) AddGeometry(part, out);
  }
}

}  // namespace

ReportGeometry::ReportGeometry(const std::string& working_crs_wkt, double tolerance_m) : tolerance_m_(tolerance_m) {
  if (src_.importFromWkt(working_crs_wkt.c_str()) != OGRERR_NONE) return;
  dst_.importFromEPSG(4326);
  src_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  dst_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  ct_.reset(OGRCreateCoordinateTransformation(&src_, &dst_));
}

nlohmann::json ReportGeometry::Encode(const MultiPolygon& mp) const {
  std::unique_ptr<OGRGeometry> g(ToOgrMultiPolygon(mp));
  if (tolerance_m_ > 0) {
    std::unique_ptr<OGRGeometry> simple(g->SimplifyPreserveTopology(tolerance_m_));
    if (simple && !simple->IsEmpty()) g = std::move(simple);
  }
  nlohmann::json out = nlohmann::json::array();
  if (g->transform(ct_.get()) != OGRERR_NONE) return out;
  AddGeometry(g.get(), out);
  return out;
}

int ReportGeometry::Add(Source source, size_t index, const MultiPolygon& mp) {
  const auto key = std::make_pair(source, index);
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  const int i = static_cast<int>(geoms_.size());
  geoms_.push_back(Encode(mp));
  index_.emplace(key, i);
  return i;
}

int ReportGeometry::AddLines(const MultiLineString& ml) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& line : ml) {
    OGRLineString l;
    for (const auto& p : line) l.addPoint(p.x(), p.y());
    std::unique_ptr<OGRGeometry> g(tolerance_m_ > 0 ? l.SimplifyPreserveTopology(tolerance_m_) : l.clone());
    if (!g || g->transform(ct_.get()) != OGRERR_NONE || wkbFlatten(g->getGeometryType()) != wkbLineString) continue;
    const OGRLineString* s = g->toLineString();
    nlohmann::json flat = nlohmann::json::array();
    int64_t lat0 = 0, lon0 = 0;
    for (int i = 0; i < s->getNumPoints(); ++i) {
      const int64_t lat = Micro(s->getY(i)), lon = Micro(s->getX(i));
      flat.push_back(i == 0 ? lat : lat - lat0);
      flat.push_back(i == 0 ? lon : lon - lon0);
      lat0 = lat;
      lon0 = lon;
    }
    if (flat.size() >= 4) out.push_back(std::move(flat));
  }
  geoms_.push_back(std::move(out));
  return static_cast<int>(geoms_.size()) - 1;
}

}  // namespace panhuo::detail
