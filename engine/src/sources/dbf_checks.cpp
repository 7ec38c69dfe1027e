#include "panhuo/sources/dbf_checks.hpp"
#include "panhuo/sources/encoding.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>

namespace panhuo::detail {
namespace {

struct DbfField {
  char type;
  size_t offset;  // within a record, after the deletion flag
  size_t length;
};

struct VsiCloser {
  void operator()(VSILFILE* f) const { VSIFCloseL(f); }
};

bool ReadAt(VSILFILE* f, uint64_t at, void* buf, size_t n) {
  return VSIFSeekL(f, at, SEEK_SET) == 0 && VSIFReadL(buf, 1, n, f) == n;
}

// The .dbf beside the layer's .shp: the dataset's file list has it.
std::string DbfOf(GDALDataset* ds, OGRLayer* layer) {
  const CPLStringList files(ds->GetFileList());
  const std::string want = std::string(layer->GetName());
  for (int i = 0; i < files.size(); ++i) {
    const std::string path = files[i];
    const std::string base = CPLGetBasename(path.c_str()), ext = CPLGetExtension(path.c_str());
    if (base == want && EQUAL(ext.c_str(), "dbf")) return path;
  }
  return "";
}

}  // namespace

bool IsDbfNumber(const std::string& text) {
  size_t i = 0, n = text.size();
  while (i < n && (text[i] == ' ' || text[i] == '\0')) ++i;
  while (n > i && (text[n - 1] == ' ' || text[n - 1] == '\0')) --n;
  if (i == n) return true;  // blank: null
  // a field filled with '*' is how shapelib (GDAL's Shapefile writer) writes a null number
  if (std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(n),
                  [](char c) { return c == '*'; }))
    return true;
  if (text[i] == '+' || text[i] == '-') ++i;
  size_t digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exp = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == n;
}

Status CheckDbfNumbers(GDALDataset* ds, OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index,
                       std::vector<RawCorrection>& out) {
  const std::string path = DbfOf(ds, layer);
  if (path.empty()) return {};  // no attribute file: nothing was read from one
  std::unique_ptr<VSILFILE, VsiCloser> f(VSIFOpenL(path.c_str(), "rb"));
  if (!f) return Status::Error("cannot reopen '" + path + "' to check its numbers");
  uint8_t head[32];
  if (!ReadAt(f.get(), 0, head, sizeof head)) return Status::Error("'" + path + "': no DBF header");
  const uint32_t records = head[4] | head[5] << 8 | head[6] << 16 | static_cast<uint32_t>(head[7]) << 24;
  const size_t header_len = head[8] | head[9] << 8, record_len = head[10] | head[11] << 8;
  std::vector<DbfField> fields;
  size_t offset = 0;
  for (uint64_t at = 32; at + 32 <= header_len; at += 32) {
    uint8_t d[32];
    if (!ReadAt(f.get(), at, d, sizeof d) || d[0] == 0x0D) break;
    fields.push_back({static_cast<char>(d[11]), offset, d[16]});
    offset += d[16];
  }
  // the contract fields read from numeric DBF fields
  std::vector<std::pair<size_t, const DbfField*>> checked;
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    const int src = k < field_index.size() ? field_index[k] : -1;
    if (src < 0 || static_cast<size_t>(src) >= fields.size()) continue;
    const DbfField& df = fields[static_cast<size_t>(src)];
    if ((df.type == 'N' || df.type == 'F') && df.offset + 1 + df.length <= record_len) checked.push_back({k, &df});
  }
  if (checked.empty() || record_len == 0) return {};
  std::vector<char> rec(record_len);
  for (uint32_t r = 0; r < records; ++r) {
    if (!ReadAt(f.get(), header_len + static_cast<uint64_t>(r) * record_len, rec.data(), record_len)) break;
    if (rec[0] == '*') continue;  // a deleted record is not read
    for (const auto& [k, df] : checked) {
      const std::string text(rec.data() + 1 + df->offset, df->length);
      if (IsDbfNumber(text)) continue;
      Value bad;
      bad.kind = Value::Kind::kBad;
      size_t a = text.find_first_not_of(" \0", 0, 2), b = text.find_last_not_of(" \0", std::string::npos, 2);
      bad.text = ValidUtf8(text.substr(a, b - a + 1));
      out.push_back({static_cast<int64_t>(r), k, std::move(bad)});
    }
  }
  return {};
}

}  // namespace panhuo::detail
