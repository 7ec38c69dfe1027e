#include "read_floor.hpp"

#include <gdal_priv.h>
#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>

namespace panhuo::bench {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string LayerError(OGRLayer* layer, const std::string& what) {
  return std::string("layer '") + layer->GetName() + "': " + what;
}

// A bounds-checked walk over one ISO (or extended) WKB geometry: counts vertices and adds every
// x + y to `checksum`; false on truncated or unknown input.
class WkbWalker {
 public:
  WkbWalker(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  bool Walk(int64_t& vertices, double& checksum) { return Geometry(vertices, checksum, 0); }

 private:
  bool Geometry(int64_t& vertices, double& checksum, int depth) {
    if (depth > 32 || end_ - p_ < 5) return false;
    const bool le = *p_++ == 1;
    uint32_t type = 0;
    if (!U32(le, type)) return false;
    int dims = 2 + ((type & 0x80000000u) ? 1 : 0) + ((type & 0x40000000u) ? 1 : 0);
    type &= 0x0fffffffu;
    if (type >= 3000) dims = 4, type -= 3000;
    else if (type >= 2000) dims = 3, type -= 2000;
    else if (type >= 1000) dims = 3, type -= 1000;
    switch (type) {
      case 1: return Points(1, dims, le, vertices, checksum);
      case 2: return Sequence(dims, le, vertices, checksum);
      case 3: {
        uint32_t rings = 0;
        if (!U32(le, rings)) return false;
        for (uint32_t r = 0; r < rings; ++r)
          if (!Sequence(dims, le, vertices, checksum)) return false;
        return true;
      }
      case 4: case 5: case 6: case 7: {
        uint32_t parts = 0;
        if (!U32(le, parts)) return false;
        for (uint32_t k = 0; k < parts; ++k)
          if (!Geometry(vertices, checksum, depth + 1)) return false;
        return true;
      }
      default: return false;
    }
  }
  bool Sequence(int dims, bool le, int64_t& vertices, double& checksum) {
    uint32_t n = 0;
    return U32(le, n) && Points(n, dims, le, vertices, checksum);
  }
  bool Points(uint32_t n, int dims, bool le, int64_t& vertices, double& checksum) {
    const size_t stride = static_cast<size_t>(dims) * 8;
    if (static_cast<size_t>(end_ - p_) / stride < n) return false;
    for (uint32_t i = 0; i < n; ++i, p_ += stride) checksum += F64(le, p_) + F64(le, p_ + 8);
    vertices += n;
    return true;
  }
  bool U32(bool le, uint32_t& v) {
    if (end_ - p_ < 4) return false;
    std::memcpy(&v, p_, 4);
    if (!le) v = __builtin_bswap32(v);
    p_ += 4;
    return true;
  }
  static double F64(bool le, const uint8_t* q) {
    uint64_t bits;
    std::memcpy(&bits, q, 8);
    if (!le) bits = __builtin_bswap64(bits);
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  const uint8_t* p_;
  const uint8_t* end_;
};

int ChildIndex(const ArrowSchema& schema, const char* name) {
  for (int64_t i = 0; i < schema.n_children; ++i)
    if (schema.children[i]->name && std::strcmp(schema.children[i]->name, name) == 0) return static_cast<int>(i);
  return -1;
}

Status ReadArrow(OGRLayer* layer, LayerFloor& fig, double& checksum) {
  ArrowArrayStream stream;
  char** options = CSLSetNameValue(nullptr, "INCLUDE_FID", "NO");
  const bool ok = layer->GetArrowStream(&stream, options);
  CSLDestroy(options);
  if (!ok) return Status::Error(LayerError(layer, std::string("no Arrow stream: ") + CPLGetLastErrorMsg()));
  ArrowSchema schema;
  if (stream.get_schema(&stream, &schema) != 0) {
    Status s = Status::Error(LayerError(layer, stream.get_last_error(&stream)));
    stream.release(&stream);
    return s;
  }
  int geom_col = -1;
  if (layer->GetGeomType() != wkbNone) {
    const char* name = layer->GetGeometryColumn();
    geom_col = ChildIndex(schema, name && *name ? name : "wkb_geometry");
    if (geom_col < 0) geom_col = ChildIndex(schema, "geometry");
  }
  const bool large = geom_col >= 0 && std::strcmp(schema.children[geom_col]->format, "Z") == 0;
  Status status;
  while (status.ok()) {
    ArrowArray batch;
    if (stream.get_next(&stream, &batch) != 0) {
      status = Status::Error(LayerError(layer, stream.get_last_error(&stream)));
      break;
    }
    if (!batch.release) break;  // end of stream
    if (geom_col >= 0) {
      const ArrowArray* col = batch.children[geom_col];
      const auto* validity = static_cast<const uint8_t*>(col->buffers[0]);
      const auto* data = static_cast<const uint8_t*>(col->buffers[2]);
      for (int64_t i = 0; i < col->length; ++i) {
        const int64_t j = i + col->offset;
        if (validity && !(validity[j / 8] & (1u << (j % 8)))) continue;
        int64_t lo, hi;
        if (large) {
          const auto* off = static_cast<const int64_t*>(col->buffers[1]);
          lo = off[j], hi = off[j + 1];
        } else {
          const auto* off = static_cast<const int32_t*>(col->buffers[1]);
          lo = off[j], hi = off[j + 1];
        }
        WkbWalker w(data + lo, static_cast<size_t>(hi - lo));
        if (!w.Walk(fig.vertices, checksum)) {
          status = Status::Error(LayerError(layer, "unreadable WKB in row " + std::to_string(fig.features + i)));
          break;
        }
        ++fig.geometries;
      }
    }
    fig.features += batch.length;
    batch.release(&batch);
  }
  schema.release(&schema);
  stream.release(&stream);
  return status;
}

void WalkGeometry(const OGRGeometry* g, int64_t& vertices, double& checksum) {
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbLineString:
    case wkbLinearRing: {
      const auto* ls = g->toSimpleCurve();
      for (int i = 0; i < ls->getNumPoints(); ++i) checksum += ls->getX(i) + ls->getY(i);
      vertices += ls->getNumPoints();
      break;
    }
    case wkbPoint:
      checksum += g->toPoint()->getX() + g->toPoint()->getY();
      ++vertices;
      break;
    case wkbPolygon:
      for (const auto* ring : *g->toPolygon()) WalkGeometry(ring, vertices, checksum);
      break;
    default:
      if (OGR_GT_IsSubClassOf(g->getGeometryType(), wkbGeometryCollection))
        for (const auto* part : *g->toGeometryCollection()) WalkGeometry(part, vertices, checksum);
  }
}

Status ReadFeatures(OGRLayer* layer, LayerFloor& fig, double& checksum) {
  layer->ResetReading();
  CPLErrorReset();
  while (true) {
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    if (!f) break;
    ++fig.features;
    for (int k = 0; k < f->GetFieldCount(); ++k)
      if (f->IsFieldSetAndNotNull(k)) checksum += static_cast<double>(std::strlen(f->GetFieldAsString(k)));
    if (const OGRGeometry* g = f->GetGeometryRef()) {
      WalkGeometry(g, fig.vertices, checksum);
      ++fig.geometries;
    }
  }
  if (CPLGetLastErrorType() == CE_Failure) return Status::Error(LayerError(layer, CPLGetLastErrorMsg()));
  return {};
}

}  // namespace

const char* ToString(ReadApi api) { return api == ReadApi::kArrow ? "arrow" : "feature"; }

Result<ReadFloor> ReadAll(const std::string& source, ReadApi api, const std::vector<std::string>& only) {
  GDALAllRegister();
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
  if (!ds) return Status::Error("cannot open '" + source + "': " + CPLGetLastErrorMsg());
  ReadFloor out;
  for (int li = 0; li < ds->GetLayerCount(); ++li) {
    OGRLayer* layer = ds->GetLayer(li);
    if (!only.empty() && std::find(only.begin(), only.end(), layer->GetName()) == only.end()) continue;
    LayerFloor fig;
    fig.name = layer->GetName();
    const auto l0 = std::chrono::steady_clock::now();
    Status s = api == ReadApi::kArrow ? ReadArrow(layer, fig, out.checksum) : ReadFeatures(layer, fig, out.checksum);
    if (!s.ok()) return Status::Error("'" + source + "' " + s.message());
    fig.seconds = SecondsSince(l0);
    out.features += fig.features;
    out.vertices += fig.vertices;
    out.layers.push_back(std::move(fig));
  }
  out.seconds = SecondsSince(t0);
  return out;
}

}  // namespace panhuo::bench
