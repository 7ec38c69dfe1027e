// Demand for new urban construction drawn as polygons (e.g. planned expansion areas) in a layer
// of the input, attributed to towns by shared area.
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <boost/geometry/algorithms/correct.hpp>
#include <memory>

#include "internal.hpp"
#include "panhuo/overlay/geos_bridge.hpp"

namespace panhuo::scenario {
namespace {

struct DatasetCloser {
  void operator()(GDALDataset* d) const {
    if (d) GDALClose(d);
  }
};

std::string GdalError() {
  std::string m = CPLGetLastErrorMsg();
  return m.empty() ? "unknown reason" : m;
}

void ReadRing(const OGRLinearRing* r, Ring& out) {
  out.clear();
  for (int i = 0; i < r->getNumPoints(); ++i) out.emplace_back(r->getX(i), r->getY(i));
}

void Collect(const OGRGeometry* g, MultiPolygon& out) {
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPolygon: {
      const auto* p = g->toPolygon();
      if (p->IsEmpty()) return;
      Polygon poly;
      ReadRing(p->getExteriorRing(), poly.outer());
      for (int i = 0; i < p->getNumInteriorRings(); ++i) {
        poly.inners().emplace_back();
        ReadRing(p->getInteriorRing(i), poly.inners().back());
      }
      out.push_back(std::move(poly));
      break;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      const auto* c = g->toGeometryCollection();
      for (int i = 0; i < c->getNumGeometries(); ++i) Collect(c->getGeometryRef(i), out);
      break;
    }
    default:
      break;
  }
}

}  // namespace

Result<std::vector<MultiPolygon>> ReadPolygonLayer(const std::string& source, const std::string& layer,
                                                   const std::string& crs_wkt, const std::string& crs_name,
                                                   int64_t& skipped) {
  skipped = 0;
  if (source.empty()) return Status::Error("demand layer '" + layer + "': no input source to read it from");
  CPLErrorReset();
  std::unique_ptr<GDALDataset, DatasetCloser> ds(
      GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) return Status::Error("cannot open '" + source + "': " + GdalError());
  OGRLayer* l = ds->GetLayerByName(layer.c_str());
  if (!l) return Status::Error("demand layer '" + layer + "' is not in '" + source + "'");
  OGRSpatialReference target;
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const bool have_target = !crs_wkt.empty() ? target.importFromWkt(crs_wkt.c_str()) == OGRERR_NONE
                                            : !crs_name.empty() && target.SetFromUserInput(crs_name.c_str()) == OGRERR_NONE;
  std::unique_ptr<OGRCoordinateTransformation> ct;
  if (const OGRSpatialReference* src = l->GetSpatialRef(); src && have_target && !src->IsSame(&target)) {
    OGRSpatialReference s2(*src);
    s2.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ct.reset(OGRCreateCoordinateTransformation(&s2, &target));
    if (!ct) return Status::Error("demand layer '" + layer + "': cannot reproject to the working CRS: " + GdalError());
  }
  std::vector<MultiPolygon> out;
  l->ResetReading();
  for (auto& f : *l) {
    OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) {
      ++skipped;
      continue;
    }
    std::unique_ptr<OGRGeometry> lin(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
    if (ct && lin->transform(ct.get()) != OGRERR_NONE) {
      ++skipped;
      continue;
    }
    MultiPolygon mp;
    Collect(lin.get(), mp);
    boost::geometry::correct(mp);
    if (!mp.empty() && !geos::IsValid(mp)) mp = geos::MakeValid(mp);
    if (mp.empty()) {
      ++skipped;
      continue;
    }
    out.push_back(std::move(mp));
  }
  return out;
}

std::vector<double> DemandByTown(const County& c, const std::vector<MultiPolygon>& polygons, Tally& tally) {
  const TownsLayer& towns = c.data().towns;
  std::vector<Shape> shapes;
  for (const auto& p : polygons) shapes.push_back(Shape{&p, Envelope(p), Area(p)});
  std::vector<double> ha(towns.size(), 0.0);
  for (size_t t = 0; t < towns.size(); ++t) {
    std::vector<Shape> cands;
    for (const Shape& s : shapes)
      if (BoxesIntersect(s.box, towns.box[t])) cands.push_back(s);
    if (cands.empty()) continue;
    const CoverageResult r = Coverage(County::ShapeOf(towns, t), cands);
    tally.Add(r);
    ha[t] = r.covered_area / kSquareMetresPerHectare;
  }
  return ha;
}

}  // namespace panhuo::scenario
