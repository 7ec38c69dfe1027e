// Internal: turning one OGR geometry into a valid, oriented, projected Boost geometry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "panhuo/core/geometry.hpp"
#include "panhuo/model/layer_specs.hpp"

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

// Above this many vertices a polygon's validity is left to GEOS alone (see FinishPolygons).
constexpr size_t kBoostValidityVertices = 2000;
// An invalid polygon of more vertices is rejected rather than repaired: GEOS MakeValid on a
// 100,000-vertex self-intersecting ring runs for minutes, on a 9,000-vertex zigzag 9 s.
constexpr size_t kMaxRepairVertices = 5000;
// A polygon of more vertices is rejected: validating and repairing it would stall the run, and
// no parcel, town or river of a county has that many (the generated river has about 110).
constexpr size_t kMaxPolygonVertices = 1000000;
// An invalid polygon whose repair falls apart into more pieces than this is rejected: a ring
// that crosses itself thousands of times (a zigzag) repairs into thousands of slivers, and every
// overlay of the scan then works through each of them against each neighbour (ten such
// supplies of 4,990 vertices held a scan for minutes). A parcel drawn with a bow-tie or a
// doubled edge repairs into a few pieces.
constexpr size_t kMaxRepairedPieces = 64;
// A polygon of more parts is rejected, valid or not: every overlay works through each part
// against each neighbour, and no parcel, footprint or town of a county comes in a thousand
// pieces (a town with its islands has a few dozen).
constexpr size_t kMaxPolygonParts = 1000;

// The polygon half of PrepareGeometry on geometry already converted (and reprojected):
// orientation, validation (Boost, then GEOS), MakeValid repair, or a reject reason.
void FinishPolygons(PreparedGeometry& g);

// Parses ISO or extended WKB of a (Multi)Polygon or (Multi)LineString, dropping Z and M.
// Returns false for any other type or malformed input (the caller then goes through OGR);
// `ok` geometry that has non-finite coordinates gets a reject reason.
bool ParseSimpleWkb(const uint8_t* wkb, size_t size, GeomKind kind, PreparedGeometry& out);

// The reader's whole path for one WKB geometry: the quick parser for simple polygons and lines,
// OGR for anything else, then reprojection (ct may be null), the extent check and, for
// polygons, FinishPolygons. Never allocates more than `size` justifies; thread-safe as
// PrepareGeometry.
PreparedGeometry PrepareWkb(const uint8_t* wkb, size_t size, GeomKind kind, OGRCoordinateTransformation* ct);

// No county lies this far from its CRS's origin (metres, projected working CRS); a coordinate
// beyond it is a broken value, and would make every overlay on it slow and wrong.
constexpr double kPlausibleExtentM = 1e8;
// A coordinate nearer 0 than this, but not 0, is rejected too (see WithinPlausibleExtent).
constexpr double kSmallestCoordinateM = 1e-6;

// True when every coordinate lies within kPlausibleExtentM; otherwise clears the geometry and
// sets the reject reason.
bool WithinPlausibleExtent(PreparedGeometry& g);

// Transforms every coordinate in place; false when the transformation fails.
bool Reproject(PreparedGeometry& g, OGRCoordinateTransformation* ct);

// Boost's reason a polygon is invalid, in words ("self-intersections", "wrong topological
// dimension", ...); empty when valid.
std::string BoostInvalidity(const MultiPolygon& mp);

}  // namespace panhuo::detail
