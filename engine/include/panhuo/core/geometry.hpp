// Planar geometry types of the engine (Boost.Geometry models, metres of a projected CRS).
//
// Polygons are clockwise outer rings, counter-clockwise holes, closed (Boost's default); the
// reader normalises orientation with bg::correct. Only light headers are included here: the
// heavy overlay algorithms live in engine/src/overlay so that few translation units pay for them.
#pragma once

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_linestring.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

namespace panhuo {

using Point = boost::geometry::model::d2::point_xy<double>;
using Ring = boost::geometry::model::ring<Point>;
using Polygon = boost::geometry::model::polygon<Point>;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;
using LineString = boost::geometry::model::linestring<Point>;
using MultiLineString = boost::geometry::model::multi_linestring<LineString>;
using Box = boost::geometry::model::box<Point>;

constexpr double kSquareMetresPerHectare = 10000.0;
constexpr double kMuPerHectare = 15.0;

// Envelope of a multipolygon (outer rings only; holes lie inside them).
Box Envelope(const MultiPolygon& mp);
// Planar area in m² (holes subtracted), for a correctly oriented multipolygon.
double Area(const MultiPolygon& mp);
bool BoxesIntersect(const Box& a, const Box& b);
bool BoxWithin(const Box& inner, const Box& outer);
// Total number of vertices (all rings), a cost measure.
size_t VertexCount(const MultiPolygon& mp);

}  // namespace panhuo
