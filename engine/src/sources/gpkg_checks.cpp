#include "panhuo/sources/gpkg_checks.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#include "panhuo/core/text.hpp"

namespace panhuo::detail {
namespace {

struct ResultSet {
  GDALDataset* ds;
  OGRLayer* layer;
  ~ResultSet() {
    if (layer) ds->ReleaseResultSet(layer);
  }
};

// SQL true when the raw value of column `c` is one GDAL would not convert faithfully to the
// field's OGR type; empty when GDAL gives every value of that type as stored.
std::string Suspicious(const std::string& c, OGRFieldType type) {
  switch (type) {
    // SQLite's date(c, '+0 days') is null for what is no date and rolls an impossible day over
    // as GDAL does (without the modifier it keeps 2021-02-31): a value that is not its own date
    // is one GDAL would change
    case OFTDate:
      return "(" + c + " IS NOT NULL AND date(" + c + ", '+0 days') IS NOT " + c + ")";
    case OFTDateTime:
      return "(" + c + " IS NOT NULL AND date(" + c + ", '+0 days') IS NOT substr(" + c + ", 1, 10))";
    case OFTReal:
      return "(" + c + " IS NOT NULL AND typeof(" + c + ") NOT IN ('real', 'integer'))";
    case OFTInteger:
    case OFTInteger64:
      return "(" + c + " IS NOT NULL AND typeof(" + c + ") <> 'integer')";
    case OFTString:
      return "(typeof(" + c + ") = 'blob' OR instr(" + c + ", char(0)) > 0)";
    default:
      return {};
  }
}

// Bytes from SQLite's hex(), each NUL written as the two characters \0.
std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    const char c = static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    out += c == '\0' ? std::string("\\0") : std::string(1, c);
  }
  return out;
}

std::string Shortened(const std::string& text) {
  if (text.size() <= 40) return text;
  return text.substr(0, 40) + "... (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace

bool IsGeoPackage(GDALDataset* ds) {
  GDALDriver* drv = ds ? ds->GetDriver() : nullptr;
  return drv && std::string(drv->GetDescription()) == "GPKG";
}

Status CheckGpkgIntegrity(GDALDataset* ds, const std::string& source) {
  CPLErrorReset();
  ResultSet rs{ds, ds->ExecuteSQL("PRAGMA quick_check", nullptr, nullptr)};
  if (rs.layer == nullptr)
    return Status::Error("cannot check '" + source + "': " + std::string(CPLGetLastErrorMsg()));
  std::string problems;
  int n = 0;
  for (auto& f : *rs.layer) {
    std::string line = f->GetFieldAsString(0);
    for (char& c : line)
      if (c == '\n') c = ' ';
    if (line == "ok") continue;
    if (++n <= 3) problems += (problems.empty() ? "" : "; ") + line;
  }
  if (n == 0 && CPLGetLastErrorType() == CE_Failure) problems = CPLGetLastErrorMsg(), n = 1;
  if (n == 0) return {};
  return Status::Error("'" + source + "' is damaged (SQLite quick_check: " + problems +
                       (n > 3 ? "; " + std::to_string(n - 3) + " more" : std::string()) + ")");
}

Value TextValue(const std::string& raw, FieldType type) {
  Value v;
  const auto b = raw.find_first_not_of(" \t\r\n");
  const std::string t = b == std::string::npos ? std::string() : raw.substr(b, raw.find_last_not_of(" \t\r\n") - b + 1);
  if (t.empty()) return v;
  auto bad = [&] {
    v.kind = Value::Kind::kBad;
    v.text = Shortened(t);
    return v;
  };
  char* end = nullptr;
  switch (type) {
    case FieldType::kText:
      v.kind = Value::Kind::kText;
      v.text = t;
      return v;
    case FieldType::kDate:
      if (t.size() == 8 && t.find_first_not_of("0123456789") == std::string::npos)  // YYYYMMDD
        if (auto d = ParseDate(t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2))) {
          v.kind = Value::Kind::kDate;
          v.date = *d;
          return v;
        }
      if (auto d = ParseDate(t)) {
        v.kind = Value::Kind::kDate;
        v.date = *d;
        return v;
      }
      return bad();
    case FieldType::kInt: {
      const double d = std::strtod(t.c_str(), &end);
      if (*end != '\0' || !std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= 9e15) return bad();
      v.kind = Value::Kind::kInt;
      v.i = static_cast<int64_t>(d);
      return v;
    }
    case FieldType::kReal: {
      const double d = std::strtod(t.c_str(), &end);
      if (*end != '\0' || !std::isfinite(d)) return bad();
      v.kind = Value::Kind::kReal;
      v.d = d;
      return v;
    }
  }
  return v;
}

RawValueQuery RawValueQueryOf(OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index) {
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  RawValueQuery q;
  std::string select, where;
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    if (field_index[k] < 0) continue;
    const std::string c = SqlIdentifier(defn->GetFieldDefn(field_index[k])->GetNameRef());
    const std::string s = Suspicious(c, defn->GetFieldDefn(field_index[k])->GetType());
    if (s.empty()) continue;
    // the raw text as hex: GDAL cuts a result's text at its first NUL (and SQLite's replace()
    // cannot match one)
    select += ", " + s + ", typeof(" + c + "), CASE WHEN typeof(" + c + ") = 'blob' THEN hex('blob of ' || length(" + c +
              ") || ' bytes') ELSE hex(" + c + ") END";
    where += (where.empty() ? "" : " OR ") + s;
    q.checked.push_back(k);
  }
  if (q.checked.empty()) return q;
  const char* fid = layer->GetFIDColumn();
  // "+ 0": GDAL would take a bare fid column for the result's own FID and not as a field
  q.sql = "SELECT " + SqlIdentifier(fid && *fid ? fid : "fid") + " + 0 AS panhuo_row" + select + " FROM " +
          SqlIdentifier(layer->GetName()) + " WHERE " + where;
  return q;
}

Status RunRawValueQuery(GDALDataset* ds, const RawValueQuery& q, const LayerSpec& spec,
                        std::vector<RawCorrection>& out) {
  if (q.checked.empty()) return {};
  CPLErrorReset();
  ResultSet rs{ds, ds->ExecuteSQL(q.sql.c_str(), nullptr, nullptr)};
  if (rs.layer == nullptr) return Status::Error(std::string("cannot check raw values: ") + CPLGetLastErrorMsg());
  for (auto& f : *rs.layer) {
    const int64_t fid = f->GetFieldAsInteger64(0);
    for (size_t j = 0; j < q.checked.size(); ++j) {
      const int col = 1 + 3 * static_cast<int>(j);
      if (f->GetFieldAsInteger(col) == 0 || !f->IsFieldSetAndNotNull(col + 2)) continue;
      const std::string type = f->GetFieldAsString(col + 1);
      const std::string text = FromHex(f->GetFieldAsString(col + 2));
      const FieldType want = spec.fields[q.checked[j]].type;
      out.push_back({fid, q.checked[j], type == "blob" ? Value{.kind = Value::Kind::kBad, .text = text} : TextValue(text, want)});
    }
  }
  if (CPLGetLastErrorType() == CE_Failure) return Status::Error(std::string("cannot check raw values: ") + CPLGetLastErrorMsg());
  return {};
}

void ApplyRawCorrections(std::vector<RawCorrection>& corrections, RawLayer& raw) {
  if (corrections.empty()) return;
  std::unordered_map<int64_t, size_t> row_of;
  for (size_t r = 0; r < raw.size(); ++r) row_of.emplace(raw.fid[r], r);
  const size_t nf = raw.spec->fields.size();
  for (auto& c : corrections)
    if (const auto it = row_of.find(c.fid); it != row_of.end()) raw.values[it->second * nf + c.field] = std::move(c.value);
}

Status TakeRawValues(GDALDataset* ds, OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index,
                     RawLayer& raw) {
  std::vector<RawCorrection> corrections;
  if (Status s = RunRawValueQuery(ds, RawValueQueryOf(layer, spec, field_index), spec, corrections); !s.ok()) return s;
  ApplyRawCorrections(corrections, raw);
  return {};
}

}  // namespace panhuo::detail
