#include "arrow_read.hpp"
#include "stored_value.hpp"
#include "panhuo/sources/code_values.hpp"

#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <cstring>

namespace panhuo::detail {
namespace {

// What a column holds, by its Arrow format string.
enum class Col { kUtf8, kLargeUtf8, kBinary, kLargeBinary, kDate32, kDate64, kTimestamp, kBool, kInt8,
                 kInt16, kInt32, kInt64, kUInt8, kUInt16, kUInt32, kUInt64, kFloat, kDouble, kUnknown };

Col Classify(const char* f, int64_t& ts_per_day) {
  const std::string s = f ? f : "";
  if (s == "u") return Col::kUtf8;
  if (s == "U") return Col::kLargeUtf8;
  if (s == "z") return Col::kBinary;
  if (s == "Z") return Col::kLargeBinary;
  if (s == "tdD") return Col::kDate32;
  if (s == "tdm") return Col::kDate64;
  if (s.rfind("ts", 0) == 0 && s.size() >= 3) {
    switch (s[2]) {
      case 's': ts_per_day = 86400LL; break;
      case 'm': ts_per_day = 86400000LL; break;
      case 'u': ts_per_day = 86400000000LL; break;
      case 'n': ts_per_day = 86400000000000LL; break;
      default: return Col::kUnknown;
    }
    return Col::kTimestamp;
  }
  if (s == "b") return Col::kBool;
  if (s == "c") return Col::kInt8;
  if (s == "s") return Col::kInt16;
  if (s == "i") return Col::kInt32;
  if (s == "l") return Col::kInt64;
  if (s == "C") return Col::kUInt8;
  if (s == "S") return Col::kUInt16;
  if (s == "I") return Col::kUInt32;
  if (s == "L") return Col::kUInt64;
  if (s == "f") return Col::kFloat;
  if (s == "g") return Col::kDouble;
  return Col::kUnknown;
}

struct Column {
  const ArrowArray* a = nullptr;
  Col kind = Col::kUnknown;
  int64_t per_day = 1;
  bool Null(int64_t i) const {
    if (a->null_count == 0 || a->buffers[0] == nullptr) return false;
    const int64_t j = a->offset + i;
    return !((static_cast<const uint8_t*>(a->buffers[0])[j >> 3] >> (j & 7)) & 1);
  }
  std::string_view Bytes(int64_t i) const {
    const int64_t j = a->offset + i;
    const char* data = static_cast<const char*>(a->buffers[2]);
    if (kind == Col::kUtf8 || kind == Col::kBinary) {
      const int32_t* o = static_cast<const int32_t*>(a->buffers[1]);
      return {data + o[j], static_cast<size_t>(o[j + 1] - o[j])};
    }
    const int64_t* o = static_cast<const int64_t*>(a->buffers[1]);
    return {data + o[j], static_cast<size_t>(o[j + 1] - o[j])};
  }
  template <typename T>
  T At(int64_t i) const {
    return static_cast<const T*>(a->buffers[1])[a->offset + i];
  }
  bool IsText() const { return kind == Col::kUtf8 || kind == Col::kLargeUtf8; }
  bool IsInteger() const {
    return kind == Col::kInt8 || kind == Col::kInt16 || kind == Col::kInt32 || kind == Col::kInt64 ||
           kind == Col::kUInt8 || kind == Col::kUInt16 || kind == Col::kUInt32 || kind == Col::kUInt64 ||
           kind == Col::kBool;
  }
  int64_t Integer(int64_t i) const {
    switch (kind) {
      case Col::kInt8: return At<int8_t>(i);
      case Col::kInt16: return At<int16_t>(i);
      case Col::kInt32: return At<int32_t>(i);
      case Col::kInt64: return At<int64_t>(i);
      case Col::kUInt8: return At<uint8_t>(i);
      case Col::kUInt16: return At<uint16_t>(i);
      case Col::kUInt32: return At<uint32_t>(i);
      case Col::kUInt64: return static_cast<int64_t>(At<uint64_t>(i));
      case Col::kBool: {
        const int64_t j = a->offset + i;
        return (static_cast<const uint8_t*>(a->buffers[1])[j >> 3] >> (j & 7)) & 1;
      }
      default: return 0;
    }
  }
  double Real(int64_t i) const { return kind == Col::kFloat ? At<float>(i) : At<double>(i); }
};

// The value of `c` at row i, as stored.
StoredValue Stored(const Column& c, int64_t i) {
  using K = StoredValue::Kind;
  StoredValue v;
  if (c.a == nullptr || c.Null(i)) return v;
  if (c.IsText()) v.kind = K::kText, v.text = c.Bytes(i);
  else if (c.IsInteger()) v.kind = K::kInt, v.i = c.Integer(i);
  else if (c.kind == Col::kFloat || c.kind == Col::kDouble) v.kind = K::kReal, v.d = c.Real(i);
  else if (c.kind == Col::kDate32) v.kind = K::kDay, v.day = c.At<int32_t>(i);
  else if (c.kind == Col::kDate64) v.kind = K::kTicks, v.i = c.At<int64_t>(i), v.per_day = 86400000LL;
  else if (c.kind == Col::kTimestamp) v.kind = K::kTicks, v.i = c.At<int64_t>(i), v.per_day = c.per_day;
  else v.kind = K::kOther;
  return v;
}

// The same conversions as the feature-by-feature reader (reader.cpp, ReadValue).
Value Convert(const Column& c, int64_t i, FieldType type) { return ConvertStored(Stored(c, i), type); }

}  // namespace

bool ReadArrow(OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index, RawLayer& raw,
               const std::function<void(size_t, const std::vector<WkbView>&)>& on_geometry, Status& error) {
  ArrowArrayStream stream;
  char** options = nullptr;
  options = CSLSetNameValue(options, "INCLUDE_FID", "YES");
  options = CSLSetNameValue(options, "GEOMETRY_ENCODING", "WKB");
  options = CSLSetNameValue(options, "MAX_FEATURES_IN_BATCH", "32768");
  layer->ResetReading();
  const bool ok = layer->GetArrowStream(&stream, options);
  CSLDestroy(options);
  if (!ok) return false;
  struct StreamGuard {
    ArrowArrayStream* s;
    ~StreamGuard() {
      if (s->release) s->release(s);
    }
  } guard{&stream};
  ArrowSchema schema;
  if (stream.get_schema(&stream, &schema) != 0) return false;
  struct SchemaGuard {
    ArrowSchema* s;
    ~SchemaGuard() {
      if (s->release) s->release(s);
    }
  } schema_guard{&schema};
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const std::string fid_name = layer->GetFIDColumn() && *layer->GetFIDColumn() ? layer->GetFIDColumn() : "OGC_FID";
  const std::string geom_name =
      layer->GetGeometryColumn() && *layer->GetGeometryColumn() ? layer->GetGeometryColumn() : "wkb_geometry";
  int fid_col = -1, geom_col = -1;
  std::vector<int> cols(spec.fields.size(), -1);
  std::vector<Col> kinds(spec.fields.size(), Col::kUnknown);
  std::vector<int64_t> per_day(spec.fields.size(), 1);
  for (int64_t c = 0; c < schema.n_children; ++c) {
    const ArrowSchema* child = schema.children[c];
    const std::string name = child->name ? child->name : "";
    int64_t pd = 1;
    const Col kind = Classify(child->format, pd);
    if (name == fid_name && kind == Col::kInt64) fid_col = static_cast<int>(c);
    else if (spec.geom != GeomKind::kNone && geom_col < 0 && (kind == Col::kBinary || kind == Col::kLargeBinary) &&
             (name == geom_name || (defn->GetGeomFieldCount() > 0 && name == defn->GetGeomFieldDefn(0)->GetNameRef())))
      geom_col = static_cast<int>(c);
    for (size_t k = 0; k < spec.fields.size(); ++k)
      if (field_index[k] >= 0 && name == defn->GetFieldDefn(field_index[k])->GetNameRef()) {
        if (kind == Col::kUnknown) return false;
        cols[k] = static_cast<int>(c);
        kinds[k] = kind;
        per_day[k] = pd;
      }
  }
  if (fid_col < 0) return false;
  if (spec.geom != GeomKind::kNone && geom_col < 0) return false;
  for (size_t k = 0; k < spec.fields.size(); ++k)
    if (field_index[k] >= 0 && cols[k] < 0) return false;
  Column geom;
  geom.kind = Col::kBinary;
  std::vector<WkbView> views;
  while (true) {
    ArrowArray batch;
    if (stream.get_next(&stream, &batch) != 0) {
      const char* why = stream.get_last_error(&stream);
      error = Status::Error(std::string("read failed after ") + std::to_string(raw.size()) + " features: " +
                            (why ? why : "unknown reason"));
      return true;
    }
    if (batch.release == nullptr) break;  // end of stream
    struct BatchGuard {
      ArrowArray* a;
      ~BatchGuard() {
        if (a->release) a->release(a);
      }
    } batch_guard{&batch};
    const int64_t n = batch.length;
    // GDAL 3.6 answers a damaged page with empty batches for ever, raising a failure through the
    // error handler only (the caller's ErrorRecorder turns it into a read failure)
    if (n <= 0) break;
    const size_t first = raw.size(), nf = spec.fields.size();
    const ArrowArray* fid = batch.children[fid_col];
    std::vector<Column> columns(nf);
    for (size_t k = 0; k < nf; ++k)
      if (cols[k] >= 0) columns[k] = Column{batch.children[cols[k]], kinds[k], per_day[k]};
    // the batch's values on every core, each row its own
    raw.fid.resize(first + static_cast<size_t>(n));
    raw.reject.resize(first + static_cast<size_t>(n));
    raw.values.resize((first + static_cast<size_t>(n)) * nf);
    const int64_t* fids = static_cast<const int64_t*>(fid->buffers[1]) + fid->offset;
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, n, 1024), [&](const tbb::blocked_range<int64_t>& r) {
      for (int64_t i = r.begin(); i != r.end(); ++i) {
        const size_t row = first + static_cast<size_t>(i);
        raw.fid[row] = fids[i];
        for (size_t k = 0; k < nf; ++k) raw.values[row * nf + k] = Convert(columns[k], i, spec.fields[k].type);
      }
    });
    if (spec.geom != GeomKind::kNone) {
      const ArrowArray* g = batch.children[geom_col];
      geom.a = g;
      geom.kind = Classify(schema.children[geom_col]->format, geom.per_day);
      views.assign(static_cast<size_t>(n), WkbView{});
      for (int64_t i = 0; i < n; ++i) {
        if (geom.Null(i)) continue;
        const std::string_view b = geom.Bytes(i);
        views[static_cast<size_t>(i)] = {reinterpret_cast<const uint8_t*>(b.data()), b.size()};
      }
      on_geometry(first, views);
    }
  }
  return true;
}

}  // namespace panhuo::detail
