// Internal: turning one OGR geometry into a valid, oriented, projected Boost geometry.
#pragma once

#include <string>

#include "layer_specs.hpp"
#include "panhuo/core/geometry.hpp"

class OGRGeometry;
class OGRCoordinateTransformation;

namespace panhuo::detail {

struct PreparedGeometry {
  MultiPolygon polygons;
  MultiLineString lines;
  bool repaired = false;
  std::string reject;  // why it cannot be used; empty when usable
};

// Linearises curves, drops Z/M, reprojects (ct may be null), converts, orients, validates and
// repairs. Thread-safe as long as `g` and `ct` are used by this thread alone. Modifies `g`.
PreparedGeometry PrepareGeometry(OGRGeometry* g, GeomKind kind, OGRCoordinateTransformation* ct);

// Boost's reason a polygon is invalid, in words ("self-intersections", "wrong topological
// dimension", ...); empty when valid.
std::string BoostInvalidity(const MultiPolygon& mp);

}  // namespace panhuo::detail
