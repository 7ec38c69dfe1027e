#include "panhuo/sinks/output_format.hpp"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "ogr_util.hpp"
#include "panhuo/core/text.hpp"
#include "styles.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;
using detail::GdalError;

struct Registry {
  std::mutex mutex;
  std::map<std::string, std::string> drivers;
};
Registry& Drivers() {
  static Registry r;
  return r;
}

// Drivers whose dataset holds one layer (written as a folder, a file per layer).
bool OneLayerAFile(const std::string& driver) {
  return driver == "GeoJSON" || driver == "GeoJSONSeq" || driver == "FlatGeobuf" || driver == "ESRI Shapefile" ||
         driver == "CSV" || driver == "MapInfo File" || driver == "KML" || driver == "GPX";
}

std::string Extension(const std::string& driver) {
  if (driver == "GeoJSON") return "geojson";
  GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver.c_str());
  const char* ext = d ? d->GetMetadataItem(GDAL_DMD_EXTENSION) : nullptr;
  if (ext && *ext) return ext;
  const char* exts = d ? d->GetMetadataItem(GDAL_DMD_EXTENSIONS) : nullptr;
  const CPLStringList list(CSLTokenizeString(exts ? exts : ""));
  return list.size() > 0 ? list[0] : "";
}

// The vector driver whose usual extension is `ext` (".shp" -> "ESRI Shapefile"), or "".
std::string DriverOfExtension(const std::string& ext) {
  GDALDriverManager* m = GetGDALDriverManager();
  for (int i = 0; i < m->GetDriverCount(); ++i) {
    GDALDriver* d = m->GetDriver(i);
    const char* exts = d->GetMetadataItem(GDAL_DMD_EXTENSIONS);
    if (!exts || !d->GetMetadataItem(GDAL_DCAP_VECTOR)) continue;
    const CPLStringList list(CSLTokenizeString(exts));
    for (int k = 0; k < list.size(); ++k)
      if ("." + AsciiLower(list[k]) == ext) return d->GetDescription();
  }
  return "";
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

// One layer of `src` into `dst` (a dataset of the target driver), field by field in order.
Status CopyLayer(OGRLayer* src, GDALDataset* dst, const std::string& driver) {
  const std::string name = src->GetName();
  OGRFeatureDefn* in = src->GetLayerDefn();
  const OGRwkbGeometryType type = in->GetGeomFieldCount() ? in->GetGeomType() : wkbNone;
  const OGRSpatialReference* srs = in->GetGeomFieldCount() ? src->GetSpatialRef() : nullptr;
  CPLStringList options;
  if (driver == "ESRI Shapefile") options.AddNameValue("ENCODING", "UTF-8");
  if (driver == "GeoJSON") options.AddNameValue("RFC7946", "NO");  // keep the working CRS
  if (driver == "CSV" && type != wkbNone) options.AddNameValue("GEOMETRY", "AS_WKT");
  // a FileGDB keeps coordinates on a grid from an origin far below the data: 1e-9 m from just
  // below the layer's extent keeps every coordinate and area
  OGREnvelope extent;
  if (driver == "OpenFileGDB" && type != wkbNone && src->GetExtent(&extent, TRUE) == OGRERR_NONE) {
    options.AddNameValue("XORIGIN", std::to_string(std::floor(extent.MinX) - 1.0).c_str());
    options.AddNameValue("YORIGIN", std::to_string(std::floor(extent.MinY) - 1.0).c_str());
    options.AddNameValue("XYSCALE", "1000000000");
  }
  CPLErrorReset();
  OGRLayer* out = dst->CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), type, options.List());
  if (!out) return Status::Error("cannot create layer '" + name + "': " + GdalError());
  for (int i = 0; i < in->GetFieldCount(); ++i) {
    OGRFieldDefn f(in->GetFieldDefn(i));
    if (out->CreateField(&f, TRUE) != OGRERR_NONE)
      return Status::Error("cannot add field '" + std::string(f.GetNameRef()) + "' to layer '" + name + "': " + GdalError());
  }
  const bool transaction = dst->TestCapability(ODsCTransactions) && dst->StartTransaction() == OGRERR_NONE;
  src->ResetReading();
  for (auto& f : *src) {
    OGRFeature row(out->GetLayerDefn());
    if (type != wkbNone) row.SetGeometry(f->GetGeometryRef());
    for (int i = 0; i < in->GetFieldCount(); ++i)  // by position: the output's names may be cut
      if (f->IsFieldSetAndNotNull(i)) row.SetField(i, f->GetRawFieldRef(i));
      else row.SetFieldNull(i);
    row.SetFID(OGRNullFID);
    if (out->CreateFeature(&row) != OGRERR_NONE)
      return Status::Error("cannot write a row of layer '" + name + "': " + GdalError());
  }
  if (transaction && dst->CommitTransaction() != OGRERR_NONE)
    return Status::Error("cannot write layer '" + name + "': " + GdalError());
  return {};
}

// "字段说明.txt": each field whose name the format changed, with its full name and title.
Status WriteFieldNames(GDALDataset* src, const std::vector<std::pair<std::string, std::vector<std::string>>>& held,
                       const std::string& folder) {
  std::string text = "图层\t字段（本格式中）\t字段全名\t中文名称\n";
  bool changed = false;
  for (const auto& [layer, names] : held) {
    OGRLayer* l = src->GetLayerByName(layer.c_str());
    for (int i = 0; l && i < l->GetLayerDefn()->GetFieldCount() && i < static_cast<int>(names.size()); ++i) {
      const std::string full = l->GetLayerDefn()->GetFieldDefn(i)->GetNameRef();
      const auto title = detail::FieldTitles().find(full);
      changed = changed || names[static_cast<size_t>(i)] != full;
      text += layer + "\t" + names[static_cast<size_t>(i)] + "\t" + full + "\t" +
              (title == detail::FieldTitles().end() ? std::string() : title->second) + "\n";
    }
  }
  if (!changed) return {};
  std::ofstream out(fs::path(folder) / kFieldNamesFile, std::ios::binary);
  out << "\xEF\xBB\xBF" << text;  // UTF-8 that Notepad and Excel on Chinese Windows read as such
  out.close();
  if (!out) return Status::Error("cannot write '" + (fs::path(folder) / kFieldNamesFile).string() + "'");
  return {};
}

// Whether FlatGeobuf holds every row of `l`: GDAL 3.6 drops a row without geometry, so a table
// (no geometry) or a layer with such rows goes to a CSV file beside the .fgb files instead.
bool WholeInFlatGeobuf(OGRLayer* l) {
  if (l->GetLayerDefn()->GetGeomFieldCount() == 0 || l->GetGeomType() == wkbNone) return false;
  l->ResetReading();
  for (auto& f : *l)
    if (!f->GetGeometryRef() || f->GetGeometryRef()->IsEmpty()) return false;
  return true;
}

}  // namespace

bool ResolveOutputDriver(const std::string& format, const std::string& path, std::string& driver, std::string& error) {
  GDALDriverManager* m = GetGDALDriverManager();
  const std::string ext = AsciiLower(fs::path(path).extension().string());
  const std::string named = ext.empty() ? "" : DriverOfExtension(ext);
  if (format.empty()) {
    if (ext == ".gpkg" || ext == ".gdb") {
      driver = ext == ".gpkg" ? "GPKG" : "OpenFileGDB";
      return true;
    }
    error = ext.empty() ? "cannot tell the output driver of '" + path + "': it has no extension"
            : named.empty() ? "cannot tell the output driver of '" + path + "' from its extension '" + ext + "'"
                            : "'" + path + "' names driver " + named + " by its extension, whose files hold one layer each";
    error += "; name the output FILE.gpkg (GeoPackage) or FOLDER.gdb (FileGDB), or name the driver with -f and "
             "the output a folder (e.g. -f FlatGeobuf, -f GeoJSON or -f \"ESRI Shapefile\" -o results)";
    return false;
  }
  GDALDriver* d = nullptr;
  for (int i = 0; !d && i < m->GetDriverCount(); ++i)
    if (AsciiLower(m->GetDriver(i)->GetDescription()) == AsciiLower(format)) d = m->GetDriver(i);
  if (!d) {
    error = "unknown output driver '" + format + "' (GDAL's short names, as ogr2ogr -f takes them: GPKG, FlatGeobuf, "
            "GeoJSON, \"ESRI Shapefile\", OpenFileGDB, ...)";
    return false;
  }
  if (!d->GetMetadataItem(GDAL_DCAP_VECTOR) || !d->GetMetadataItem(GDAL_DCAP_CREATE)) {
    error = "output driver '" + std::string(d->GetDescription()) + "' cannot create vector layers";
    return false;
  }
  driver = d->GetDescription();
  if (OneLayerAFile(driver)) {
    if (!named.empty()) {
      error = "'" + path + "': a " + driver + " output is a folder with a file per layer; name a folder, not a " + ext +
              " file (its extension names driver " + named + ")";
      return false;
    }
    return true;
  }
  const std::string want = Extension(driver);
  if (!want.empty() && ext != "." + AsciiLower(want)) {
    error = "'" + path + "' does not end in ." + want + ", the extension of driver " + driver;
    return false;
  }
  return true;
}

void SetOutputDriver(const std::string& output, const std::string& driver) {
  std::lock_guard<std::mutex> lock(Drivers().mutex);
  Drivers().drivers[output] = driver;
}

std::string OutputDriverOf(const std::string& output) {
  std::lock_guard<std::mutex> lock(Drivers().mutex);
  const auto it = Drivers().drivers.find(output);
  return it == Drivers().drivers.end() ? std::string("GPKG") : it->second;
}

Status ConvertGeoPackage(const std::string& gpkg, const std::string& out, const std::string& driver_name) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!driver) return Status::Error("the GDAL driver " + driver_name + " is not available");
  const char* const gpkg_only[] = {"GPKG", nullptr};
  Dataset src(static_cast<GDALDataset*>(GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkg_only, nullptr, nullptr)));
  if (!src) return Status::Error("cannot reopen '" + gpkg + "': " + GdalError());
  std::vector<OGRLayer*> layers;
  for (OGRLayer* l : src->GetLayers())
    if (std::string(l->GetName()) != "layer_styles") layers.push_back(l);
  std::vector<std::pair<std::string, std::vector<std::string>>> held;  // field names as written
  const bool folder = OneLayerAFile(driver_name);
  std::error_code ec;
  if (folder && !fs::create_directories(out, ec)) return Status::Error("cannot create folder '" + out + "'");
  Dataset shared;
  if (!folder) {
    CPLErrorReset();
    shared.reset(driver->Create(out.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!shared) return Status::Error("cannot create '" + out + "': " + GdalError());
  }
  for (OGRLayer* l : layers) {
    Dataset own;
    GDALDataset* dst = shared.get();
    std::string layer_driver = driver_name;
    if (folder) {
      if (driver_name == "FlatGeobuf" && !WholeInFlatGeobuf(l)) layer_driver = "CSV";
      GDALDriver* d = GetGDALDriverManager()->GetDriverByName(layer_driver.c_str());
      const std::string ext = Extension(layer_driver);
      const std::string file = (fs::path(out) / (std::string(l->GetName()) + (ext.empty() ? "" : "." + ext))).string();
      CPLErrorReset();
      own.reset(d ? d->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
      if (!own) return Status::Error("cannot create '" + file + "': " + GdalError());
      dst = own.get();
    }
    if (Status s = CopyLayer(l, dst, layer_driver); !s.ok()) return s;
    OGRLayer* written = dst->GetLayerByName(l->GetName());
    if (!written && dst->GetLayerCount() > 0) written = dst->GetLayer(dst->GetLayerCount() - 1);
    std::vector<std::string> names;
    for (int i = 0; written && i < written->GetLayerDefn()->GetFieldCount(); ++i)
      names.push_back(written->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    held.emplace_back(l->GetName(), std::move(names));
    if (own) {
      CPLErrorReset();
      own.reset();
      if (CPLGetLastErrorType() == CE_Failure) return Status::Error("cannot write layer '" + std::string(l->GetName()) + "': " + GdalError());
    }
  }
  if (shared) {
    CPLErrorReset();
    shared.reset();
    if (CPLGetLastErrorType() == CE_Failure) return Status::Error("cannot close '" + out + "': " + GdalError());
  }
  return WriteFieldNames(src.get(), held, fs::is_directory(out, ec) ? out : fs::path(out).parent_path().string());
}

}  // namespace panhuo
