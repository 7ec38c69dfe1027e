// How much of a target polygon a set of candidate polygons covers: the overlay at the heart of
// every determination (approval minus supplies, parcel within construction, ...).
//
// Meaning: with U the union of the candidates, covered = target ∩ U and remainder = target − U;
// overlapping candidates are unioned first, so nothing is counted twice. Optionally the area of
// target ∩ each candidate ("piece"), for rules that ask whether one feature overlaps another
// with positive area.
//
// Fast path: Boost.Geometry, after envelope and containment short-cuts (a candidate wholly
// inside the target needs no clipping; a target wholly inside one candidate is covered whole).
// Every result is checked: area(covered) + area(remainder) = area(target) within tolerance,
// each piece no larger than its operands, witness points, and validity (GEOS) of any geometry
// handed back. When a check fails or Boost throws, the whole target is recomputed with GEOS
// (OverlayNG with its own snapping fallbacks), checked the same way; when that fails too, with
// GEOS snap-rounded to a grid of 1e-6 m (inputs repaired by MakeValid first), which does not
// fail on valid input. `fallback` is set when either robust path gave the result. Boost 1.74
// gives invalid output or wrong areas on near-degenerate input, so these checks are what make
// the fast path safe. Only when all three fail is the result `failed`: its areas are then
// meaningless (zero) and the caller must treat the determination as undetermined.
//
// Thread safety: pure function of its arguments; call from any number of threads.
// Cost: about one Boost intersection per overlapping candidate plus one difference and one union
// per group of pieces that may share area; pieces certainly apart from the others
// (overlay/separation.hpp: envelopes overlap, interiors do not) add their areas instead of
// joining a union, and a candidate certainly apart from the target is neither intersected nor
// subtracted. GEOS, when needed, is 3-5 times slower.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "panhuo/core/geometry.hpp"

namespace panhuo {

// A polygon the overlay reads, with its precomputed envelope and area.
struct Shape {
  const MultiPolygon* geom = nullptr;
  Box box;
  double area = 0.0;
};

struct CoverageOptions {
  bool want_remainder = false;    // return target − U as geometry
  bool want_covered = false;      // return target ∩ U as geometry
  bool want_piece_areas = false;  // return area(target ∩ candidate) for each candidate
  // Check tolerance for the area identity: rel × min(area(target), Σ area(candidates)) + abs (m²).
  // Boost without rescaling (BOOST_GEOMETRY_NO_ROBUSTNESS, as built) and GEOS are right to about
  // 1e-12 relative when right at all; the errors to catch (a piece lost, a sliver kept, a wrong
  // area on nearly collinear edges) are far above this.
  double rel_tolerance = 1e-9;    // DEFAULT: 1e-7
  double abs_tolerance = 1e-6;    // DEFAULT: 1e-6 m²
  bool force_robust = false;      // go straight to GEOS (tests, comparison); DEFAULT: false
};

struct CoverageResult {
  double covered_area = 0.0;    // m², area(target ∩ U)
  double remainder_area = 0.0;  // m², area(target − U)
  MultiPolygon covered;         // when want_covered
  MultiPolygon remainder;       // when want_remainder
  std::vector<double> piece_area;  // when want_piece_areas, one per candidate, same order
  bool fallback = false;        // the robust path was used
  bool failed = false;          // every path failed: the areas mean nothing, see `error`
  std::string error;            // when failed: why each path failed
};

CoverageResult Coverage(const Shape& target, std::span<const Shape> candidates,
                        const CoverageOptions& options = {});

// Grid of the last robust path (snap-rounding), metres.
constexpr double kSnapGridMetres = 1e-6;

// Positive-area test used by the rules ("overlaps with positive area"): more than 1e-6 m².
constexpr double kPositiveAreaM2 = 1e-6;

}  // namespace panhuo
