// Whether two polygons are certainly apart: an exact, conservative pre-screen that lets the
// overlay add the areas of pieces whose envelopes overlap but whose interiors do not meet,
// instead of building their union.
//
// True only when every edge of one stays more than `gap` metres from every edge of the other
// and no vertex of either lies inside (or on) the other. Two rings whose boundaries never come
// within `gap` are nested or disjoint; the vertex tests rule out nesting, holes included (a
// polygon inside the other's hole has no vertex covered by it). `gap` is far above the rounding
// error of the floating-point distances and point-in-polygon tests on projected coordinates
// (about 1e-9 m at 1e6 m), so a true answer never rests on a doubtful sign. False in doubtful
// cases (touching, nearly touching, nested): the caller then takes the general path.
//
// Thread safety: pure function. Cost: O(n·m) edge pairs after envelope checks, plus one
// point-in-polygon test per vertex.
#pragma once

#include "panhuo/core/geometry.hpp"

namespace panhuo {

constexpr double kApartGapMetres = 1e-6;

bool CertainlyApart(const MultiPolygon& a, const Box& a_box, const MultiPolygon& b, const Box& b_box,
                    double gap = kApartGapMetres);

}  // namespace panhuo
