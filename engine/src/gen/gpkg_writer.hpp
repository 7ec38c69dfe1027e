// Internals of the county generator: the input layers as written (names, fields, types) and
// the sequential GeoPackage writer with its geometry and value functions, shared by generator.cpp
// and stock_write.cpp.
#pragma once

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "model.hpp"
#include "panhuo/core/status.hpp"
#include "stock.hpp"

namespace panhuo::gen::detail {

constexpr int kCommitEvery = 50000;

std::string GdalReason();
std::string Format(const char* fmt, int a, int b);

struct FieldSpec {
  const char* name;
  OGRFieldType type;
};

struct LayerSpec {
  const char* name;
  OGRwkbGeometryType geom;
  std::vector<FieldSpec> fields;
  const char* description;
};

// The contract's input layers, in contract order.
const std::vector<LayerSpec>& Specs();

class Writer {
 public:
  Writer(ProgressFn progress, void* user, double from, double to, int64_t total)
      : progress_(progress),
        user_(user),
        from_(from),
        to_(to),
        total_(std::max<int64_t>(1, total)) {}
  ~Writer() {
    features_.clear();
    if (ds_) GDALClose(ds_);
  }

  Status Create(const std::string& path) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) {
      GDALAllRegister();
      drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    }
    if (!drv) return Status::Error("GDAL has no GPKG driver");
    CPLErrorReset();
    ds_ = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds_) return Status::Error("cannot create '" + path + "': " + GdalReason());
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.importFromEPSG(4549) != OGRERR_NONE)
      return Status::Error("cannot build EPSG:4549: " + GdalReason());
    for (const LayerSpec& spec : Specs()) {
      CPLStringList options;
      options.SetNameValue("FID", "fid");
      options.SetNameValue("DESCRIPTION", spec.description);
      if (spec.geom != wkbNone) options.SetNameValue("GEOMETRY_NAME", "geom");
      OGRLayer* layer = ds_->CreateLayer(spec.name, spec.geom == wkbNone ? nullptr : &srs,
                                         spec.geom, options.List());
      if (!layer)
        return Status::Error(std::string("cannot create layer '") + spec.name +
                             "': " + GdalReason());
      for (const FieldSpec& f : spec.fields) {
        OGRFieldDefn def(f.name, f.type);
        if (layer->CreateField(&def) != OGRERR_NONE)
          return Status::Error(std::string("cannot create field '") + spec.name + "." + f.name +
                               "': " + GdalReason());
      }
      layers_.push_back(layer);
      features_.emplace_back(OGRFeature::CreateFeature(layer->GetLayerDefn()));
      counts_.push_back(0);
    }
    if (ds_->StartTransaction() != OGRERR_NONE)
      return Status::Error("cannot start a transaction: " + GdalReason());
    return {};
  }

  // The reusable feature of layer k, with its FID cleared.
  OGRFeature* Feature(size_t k) {
    features_[k]->SetFID(OGRNullFID);
    return features_[k].get();
  }

  Status Write(size_t k) {
    if (layers_[k]->CreateFeature(features_[k].get()) != OGRERR_NONE)
      return Status::Error(std::string("cannot write a feature to '") + Specs()[k].name +
                           "': " + GdalReason());
    ++counts_[k];
    if (++in_transaction_ >= kCommitEvery) {
      in_transaction_ = 0;
      if (ds_->CommitTransaction() != OGRERR_NONE || ds_->StartTransaction() != OGRERR_NONE)
        return Status::Error("cannot commit: " + GdalReason());
    }
    if ((++written_ & 8191) == 0 && !Report(nullptr)) return Status::Error("cancelled");
    return {};
  }

  bool Report(const char* message) {
    if (!progress_) return true;
    int64_t done = 0;
    for (int64_t c : counts_) done += c;
    const double f = from_ + (to_ - from_) * std::min(1.0, static_cast<double>(done) / total_);
    return progress_(f, message ? message : "writing", user_);
  }

  Status Close(const std::string& path) {
    features_.clear();
    if (ds_->CommitTransaction() != OGRERR_NONE)
      return Status::Error("cannot commit: " + GdalReason());
    CPLErrorReset();
    GDALClose(ds_);
    ds_ = nullptr;
    if (CPLGetLastErrorType() == CE_Failure)
      return Status::Error("cannot close '" + path + "': " + GdalReason());
    return {};
  }

  const std::vector<int64_t>& counts() const { return counts_; }

 private:
  ProgressFn progress_;
  void* user_;
  double from_, to_;
  int64_t total_;
  GDALDataset* ds_ = nullptr;
  std::vector<OGRLayer*> layers_;
  struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
  };
  std::vector<std::unique_ptr<OGRFeature, FeatureDeleter>> features_;
  std::vector<int64_t> counts_;
  int in_transaction_ = 0;
  int64_t written_ = 0;
};

// Layer indices in Specs().
enum LayerIndex : size_t {
  kTowns,
  kApprovals,
  kSupplies,
  kConstruction,
  kEnterprises,
  kRuralPlots,
  kRiver,
  kTargets,
  kReserves,
  kConstraints,
  kHolderGroups,
  kPlans
};

OGRGeometry* MakeGeometry(const Shapes& s, size_t f, bool multi);
OGRLinearRing* RingOf(const std::vector<XY>& pts);
void SetDate(OGRFeature* f, int field, Date d);
void SetReal(OGRFeature* f, int field, double v);

// The v3 layers reserves, constraints and holder_groups (stock_write.cpp).
Status WriteStock(const StockData& st, const std::string& id_prefix, Writer& w);
// Their deliberate defects (GenerateOptions::defects), at (x, y) inside the county.
Status WriteStockDefects(double x, double y, Writer& w);

}  // namespace panhuo::gen::detail

#define PANHUO_TRY(expr)               \
  do {                                 \
    Status status_ = (expr);           \
    if (!status_.ok()) return status_; \
  } while (0)
