// The working CRS: the one most layers share, or the CGCS2000 3-degree zone of geographic data.
#include "working_crs.hpp"

#include <cmath>
#include <memory>

namespace panhuo::detail {

std::string CrsName(const OGRSpatialReference* srs) {
  if (srs == nullptr) return "none";
  const char* auth = srs->GetAuthorityName(nullptr);
  const char* code = srs->GetAuthorityCode(nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  const char* name = srs->GetName();
  return name ? name : "unnamed CRS";
}

Result<OGRSpatialReference> ChooseWorkingCrs(std::vector<const OGRSpatialReference*> crs,
                                             const std::vector<std::string>& names,
                                             const std::vector<OGREnvelope>& extents) {
  // Majority vote among the spatial layers; a tie goes to `supplies`.
  int best = -1, best_votes = 0;
  for (size_t i = 0; i < crs.size(); ++i) {
    if (!crs[i]) continue;
    int votes = 0;
    for (size_t j = 0; j < crs.size(); ++j)
      if (crs[j] && crs[i]->IsSame(crs[j])) ++votes;
    const bool supplies = names[i] == "supplies";
    if (votes > best_votes || (votes == best_votes && supplies)) {
      best = static_cast<int>(i);
      best_votes = votes;
    }
  }
  if (best < 0) return Status::Error("no layer has a CRS");
  OGRSpatialReference chosen(*crs[static_cast<size_t>(best)]);
  chosen.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (!chosen.IsGeographic()) {
    if (!chosen.IsProjected())
      return Status::Error("the layers' CRS " + CrsName(&chosen) + " is neither projected nor geographic");
    return chosen;
  }
  // Geographic: the CGCS2000 3-degree Gauss-Krüger zone of the data's centre.
  OGRSpatialReference wgs;
  wgs.SetWellKnownGeogCS("WGS84");
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double minx = 1e300, maxx = -1e300;
  for (size_t i = 0; i < crs.size(); ++i) {
    if (!crs[i] || !crs[i]->IsGeographic()) continue;
    OGRSpatialReference s(*crs[i]);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&s, &wgs));
    double xs[2] = {extents[i].MinX, extents[i].MaxX}, ys[2] = {extents[i].MinY, extents[i].MaxY};
    if (ct && ct->Transform(2, xs, ys)) {
      minx = std::min(minx, xs[0]);
      maxx = std::max(maxx, xs[1]);
    }
  }
  if (minx > maxx) return Status::Error("cannot find the centre of the geographic data");
  const double centre = 0.5 * (minx + maxx);
  const int cm = static_cast<int>(std::lround(centre / 3.0)) * 3;
  if (cm < 75 || cm > 135)
    return Status::Error("data centre at longitude " + std::to_string(centre) +
                         " is outside the CGCS2000 3-degree zones (75E..135E)");
  OGRSpatialReference gk;
  const int epsg = 4534 + (cm - 75) / 3;
  if (gk.importFromEPSG(epsg) != OGRERR_NONE)
    return Status::Error("cannot load EPSG:" + std::to_string(epsg));
  gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return gk;
}

}  // namespace panhuo::detail
