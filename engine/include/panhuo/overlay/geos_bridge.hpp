// Conversions between the engine's Boost geometries and GEOS (reentrant C API), and the GEOS
// operations the engine relies on as its robust path: validity, MakeValid, overlay.
//
// Each thread uses its own GEOS context (GeosContext::ThisThread()); no GEOS object crosses
// threads. Cost: a copy of the coordinates each way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "panhuo/core/geometry.hpp"

typedef struct GEOSContextHandle_HS* GEOSContextHandle_t;
typedef struct GEOSGeom_t GEOSGeometry;

namespace panhuo::geos {

// The calling thread's GEOS context, created on first use.
GEOSContextHandle_t ThisThread();

// Owning handle of a GEOS geometry in the calling thread's context.
class Geom {
 public:
  Geom() = default;
  explicit Geom(GEOSGeometry* g) : g_(g) {}
  Geom(Geom&& o) noexcept : g_(o.g_) { o.g_ = nullptr; }
  Geom& operator=(Geom&& o) noexcept;
  Geom(const Geom&) = delete;
  Geom& operator=(const Geom&) = delete;
  ~Geom();
  GEOSGeometry* get() const { return g_; }
  GEOSGeometry* release() {
    auto* g = g_;
    g_ = nullptr;
    return g;
  }
  explicit operator bool() const { return g_ != nullptr; }

 private:
  GEOSGeometry* g_ = nullptr;
};

Geom FromBoost(const MultiPolygon& mp);
// The polygonal part of a GEOS geometry (lines and points of a collection are dropped).
MultiPolygon ToBoost(const GEOSGeometry* g);
bool IsValid(const MultiPolygon& mp);
// GEOS MakeValid (linework method), polygonal part only; empty when nothing polygonal remains.
MultiPolygon MakeValid(const MultiPolygon& mp);
double Area(const GEOSGeometry* g);
// The last error GEOS reported in the calling thread (empty when none), cleared by the call.
std::string TakeLastError();

}  // namespace panhuo::geos
