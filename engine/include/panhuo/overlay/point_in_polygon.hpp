// Point in polygon for the overlay's checks and pre-screens (overlay/coverage, overlay/separation):
// the answers of Boost's bg::within (strictly inside) and bg::covered_by (inside or on the
// boundary), at a fraction of their cost.
//
// A crossing-number test decides every point that is clearly off the boundary: the sign of each
// orientation it uses is trusted only when the orientation is far above its rounding error
// (relative 1e-12 of the edge and point spans, plus the coordinates' own rounding), so that it
// is the sign Boost computes too. A point on or within that margin of an edge or vertex is
// doubtful and answered by Boost itself. The answers are therefore Boost's, on every point.
//
// Thread safety: pure functions. Cost: one pass over the rings whose envelope holds the point.
#pragma once

#include "panhuo/core/geometry.hpp"

namespace panhuo {

// bg::within(p, mp): p lies in the interior of mp.
bool PointWithin(const Point& p, const MultiPolygon& mp);
// bg::covered_by(p, mp): p lies in mp or on its boundary.
bool PointCoveredBy(const Point& p, const MultiPolygon& mp);

namespace detail {
enum class PointPlace { kInside, kOutside, kDoubtful };
// The crossing-number answer, kDoubtful when p is on or near the boundary (exposed for tests
// and the benchmark).
PointPlace PlacePoint(const Point& p, const MultiPolygon& mp);
}  // namespace detail

}  // namespace panhuo
