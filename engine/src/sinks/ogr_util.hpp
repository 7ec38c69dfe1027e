// Internal: small bridges between the engine and OGR used by every writer.
#pragma once

#include "panhuo/tables/output_schema.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <ogr_geometry.h>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <vector>
#include <string>

#include "panhuo/core/status.hpp"

#include "panhuo/core/date.hpp"
#include "panhuo/core/geometry.hpp"

namespace panhuo::detail {

// GDAL's last error message, or "unknown reason".
inline std::string GdalError() {
  std::string m = CPLGetLastErrorMsg();
  return m.empty() ? "unknown reason" : m;
}

// An owned dataset, closed when it goes.
struct DatasetCloser {
  void operator()(GDALDataset* d) const {
    if (d) GDALClose(d);
  }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// `s` as an SQL string literal ('...', quotes doubled).
inline std::string SqlText(const std::string& s) {
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("''") : std::string(1, c);
  return o + "'";
}

// Runs one SQL statement on `ds`; the first column of the rows it returns (none for a statement
// without rows), or GDAL's error.
inline Result<std::vector<std::string>> RunSql(GDALDataset* ds, const std::string& sql) {
  CPLErrorReset();
  OGRLayer* r = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  std::vector<std::string> values;
  if (r) {
    for (auto& f : *r) values.push_back(f->GetFieldAsString(0));
    ds->ReleaseResultSet(r);
  }
  if (CPLGetLastErrorType() == CE_Failure) return Status::Error(GdalError());
  return values;
}

// A new OGR multipolygon with the same rings (the caller owns it).
inline OGRMultiPolygon* ToOgrMultiPolygon(const MultiPolygon& mp) {
  auto* out = new OGRMultiPolygon();
  auto ring = [](const Ring& r) {
    auto* lr = new OGRLinearRing();
    lr->setNumPoints(static_cast<int>(r.size()), FALSE);
    for (size_t i = 0; i < r.size(); ++i) lr->setPoint(static_cast<int>(i), r[i].x(), r[i].y());
    return lr;
  };
  for (const auto& p : mp) {
    auto* poly = new OGRPolygon();
    poly->addRingDirectly(ring(p.outer()));
    for (const auto& h : p.inners()) poly->addRingDirectly(ring(h));
    out->addGeometryDirectly(poly);
  }
  return out;
}

// One field of an output layer.
struct OutputField {
  std::string name;
  OGRFieldType type;
};

// The fields of output layer `layer` as declared once (panhuo/tables/output_schema.hpp), as OGR
// fields. Empty for a layer the schema does not list fields of.
inline std::vector<OutputField> SchemaFields(const std::string& layer) {
  std::vector<OutputField> out;
  const OutputLayer* l = FindOutputLayer(layer);
  if (!l) return out;
  for (const auto& f : l->fields) {
    using T = panhuo::OutputField::Type;
    const OGRFieldType type = f.type == T::kText        ? OFTString
                              : f.type == T::kInteger   ? OFTInteger
                              : f.type == T::kInteger64 ? OFTInteger64
                              : f.type == T::kReal      ? OFTReal
                                                        : OFTDate;
    out.push_back({f.name, type});
  }
  return out;
}

// One output layer written in one transaction: create it with its fields, then New() / fill /
// Commit() per feature, then Finish(). Creation failures are reported through `status`.
class LayerWriter {
 public:
  LayerWriter(GDALDataset* ds, const std::string& name, OGRwkbGeometryType gtype, const OGRSpatialReference* srs,
              const std::vector<OutputField>& fields, Status& status)
      : name_(name) {
    char** opts = nullptr;
    if (gtype != wkbNone) opts = CSLSetNameValue(opts, "SPATIAL_INDEX", "YES");
    // the key column gets a name of its own so that a field may be called "fid" (rejects)
    opts = CSLSetNameValue(opts, "FID", "row_id");
    layer_ = ds->CreateLayer(name.c_str(), gtype == wkbNone ? nullptr : const_cast<OGRSpatialReference*>(srs), gtype,
                             opts);
    CSLDestroy(opts);
    if (!layer_) {
      status = Status::Error("cannot create layer '" + name + "': " + GdalError());
      return;
    }
    for (const auto& f : fields) {
      OGRFieldDefn defn(f.name.c_str(), f.type);
      if (layer_->CreateField(&defn) != OGRERR_NONE) {
        status = Status::Error("cannot create field '" + f.name + "' in '" + name + "': " + GdalError());
        return;
      }
    }
    if (layer_->StartTransaction() != OGRERR_NONE)
      status = Status::Error("cannot start writing '" + name + "': " + GdalError());
  }
  OGRFeature* New() {
    feature_ = std::make_unique<OGRFeature>(layer_->GetLayerDefn());
    return feature_.get();
  }
  Status Commit() {
    if (layer_->CreateFeature(feature_.get()) != OGRERR_NONE)
      return Status::Error("cannot write a feature of '" + name_ + "': " + GdalError());
    return {};
  }
  Status Finish() {
    if (layer_->CommitTransaction() != OGRERR_NONE)
      return Status::Error("cannot commit layer '" + name_ + "': " + GdalError());
    return {};
  }

 private:
  std::string name_;
  OGRLayer* layer_ = nullptr;
  std::unique_ptr<OGRFeature> feature_;
};

}  // namespace panhuo::detail

namespace panhuo {
struct Table;
}

namespace panhuo::detail {

// Creates the layer of `table` in `ds`, empty (its rows go in through gpkg_rows.hpp), with its
// fields typed as the output schema declares them, `srs` when it has geometry, row_id as its key
// and no R-tree yet (gpkg_rtree.hpp packs it).
Status CreateTableLayer(GDALDataset* ds, const Table& table, OGRSpatialReference* srs);

// Writes a GeoPackage atomically: `fill` writes into PartialOutputPath(output), marked as no
// GeoPackage until it is complete, which is closed and renamed to `output` only when fill
// succeeded and the close raised no error; otherwise the partial file is removed. Does not check
// whether `output` may be overwritten.
// `after_close`, when given, runs on the closed temporary file (its path) before it is
// finished, and its failure fails the write as fill's does.
Status WriteGpkgAtomically(const std::string& output, const std::function<Status(GDALDataset*)>& fill,
                           const std::function<Status(const std::string&)>& after_close = {});

}  // namespace panhuo::detail
