#include "columns.hpp"

#include "column_rows.hpp"

#include <atomic>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include <cpl_string.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "panhuo/sources/code_values.hpp"
#include "panhuo/sources/encoding.hpp"
#include "panhuo/core/text.hpp"
#include "panhuo/input/reader.hpp"

namespace panhuo::detail {
namespace {

// Attribute checks common to all layers: required values present and every value parseable.
std::string AttributeReject(const RawLayer& raw, size_t row) {
  const auto& fields = raw.spec->fields;
  for (size_t k = 0; k < fields.size(); ++k) {
    const Value& v = raw.At(row, k);
    if (v.kind == Value::Kind::kNull && fields[k].required) return std::string("missing ") + fields[k].name;
    if (v.kind == Value::Kind::kBad)
      return std::string("unparseable ") + fields[k].name + " '" + v.text + "'";
    if (v.kind == Value::Kind::kDate && !IsPlausibleRecordDate(v.date))
      return std::string("absurd ") + fields[k].name + " " + v.date.ToString();
    if (v.kind == Value::Kind::kInt && std::string(fields[k].name) == "year" && (v.i < 1949 || v.i > 2100))
      return "absurd year " + std::to_string(v.i);
  }
  return {};
}

// A reject reason without its particulars (quoted values, parentheses, dates), for counting.
std::string ReasonGroup(const std::string& reason) {
  if (reason.rfind("invalid polygon", 0) == 0) return "invalid polygon, not repairable";
  if (reason.rfind("absurd ", 0) == 0) return reason.substr(0, reason.find(' ', 7));
  std::string out;
  bool quoted = false, paren = false;
  for (char ch : reason) {
    if (ch == '\'' ) {
      quoted = !quoted;
      continue;
    }
    if (ch == '(') paren = true;
    if (!quoted && !paren) out += ch;
    if (ch == ')') paren = false;
  }
  // collapse the doubled spaces left behind
  std::string tidy;
  for (char ch : out)
    if (!(ch == ' ' && !tidy.empty() && tidy.back() == ' ')) tidy += ch;
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return tidy;
}

std::string FeatureId(const RawLayer& raw, size_t row) {
  if (raw.spec->key_fields.empty()) {
    // construction has no unique key; its obs_id still identifies it for a reader
    return raw.spec->fields.empty() ? std::string() : Text(raw.At(row, 0));
  }
  std::string id;
  for (int k : raw.spec->key_fields) {
    if (!id.empty()) id += "/";
    const Value& v = raw.At(row, static_cast<size_t>(k));
    id += v.kind == Value::Kind::kInt ? std::to_string(v.i) : Text(v);
  }
  return id;
}

// The polygon column of layer `name`, null for the layers without polygons.
PolygonColumn* ShapesOf(const std::string& name, InputData& data) {
  if (name == "towns") return &data.towns;
  if (name == "approvals") return &data.approvals;
  if (name == "supplies") return &data.supplies;
  if (name == "construction") return &data.construction;
  if (name == "rural_plots") return &data.rural_plots;
  if (name == "reserves") return &data.reserves;
  if (name == "constraints") return &data.constraints;
  return nullptr;
}

// Envelope and area of every polygon of `raw`, in parallel. When every row is usable and in fid
// order (the usual case) the shapes, fids, envelopes and areas move into `shapes` whole, with no
// second copy of a county-sized layer, and true is returned (raw's fids and rejects are then
// gone); otherwise `shapes` is sized for adding row by row from `boxes` and `areas`.
bool TakeShapes(RawLayer& raw, PolygonColumn* shapes, std::vector<Box>& boxes, std::vector<double>& areas) {
  const size_t n = raw.size();
  boxes.resize(raw.polygons.empty() ? 0 : n);
  areas.resize(boxes.size());
  tbb::parallel_for(tbb::blocked_range<size_t>(0, boxes.size(), 1024), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t row = r.begin(); row != r.end(); ++row) {
      boxes[row] = Envelope(raw.polygons[row]);
      areas[row] = Area(raw.polygons[row]);
    }
  });
  if (!shapes) return false;
  const bool whole = shapes->size() == 0 && std::is_sorted(raw.fid.begin(), raw.fid.end()) &&
                     std::all_of(raw.reject.begin(), raw.reject.end(), [](const Reason& r) { return r.empty(); });
  if (!whole) {
    shapes->Reserve(n);
    return false;
  }
  shapes->fid = std::move(raw.fid);
  std::vector<Reason>().swap(raw.reject);
  shapes->geom = std::move(raw.polygons);
  shapes->box = std::move(boxes);
  shapes->area_m2 = std::move(areas);
  return true;
}

// Rejects each usable row whose key repeats that of a usable row earlier in `order` (fid order),
// naming the fid kept. One open-addressing table of row numbers over the keys, which stay where
// they are (a single text key) or are built once (composite and number keys): a county-sized
// layer needs no map of key copies.
void RejectRepeatedKeys(RawLayer& raw, const std::vector<uint32_t>& order) {
  const LayerSpec& spec = *raw.spec;
  const size_t n = raw.size(), nf = spec.fields.size();
  const bool single_text = spec.key_fields.size() == 1 && spec.fields[static_cast<size_t>(spec.key_fields[0])].type == FieldType::kText;
  std::vector<std::string> built;
  std::vector<std::string_view> key(n);
  std::vector<size_t> hashed(n);
  if (!single_text) built.resize(n);
  const std::hash<std::string_view> hash;
  // the keys and their hashes on every core; the table filled in fid order
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 4096), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t row = r.begin(); row != r.end(); ++row) {
      if (!raw.reject[row].empty()) continue;
      if (single_text) {
        const Value& v = raw.values[row * nf + static_cast<size_t>(spec.key_fields[0])];
        if (v.kind == Value::Kind::kText) key[row] = v.text;
      } else {
        built[row] = FeatureId(raw, row);
        key[row] = built[row];
      }
      hashed[row] = hash(key[row]);
    }
  });
  size_t slots = 16;
  while (slots < 2 * n) slots *= 2;
  std::vector<uint32_t> table(slots, 0);  // row + 1, 0 when empty
  std::string names;
  for (int k : spec.key_fields) names += (names.empty() ? "" : "+") + std::string(spec.fields[static_cast<size_t>(k)].name);
  for (size_t row : order) {
    if (!raw.reject[row].empty()) continue;
    for (size_t h = hashed[row] & (slots - 1);; h = (h + 1) & (slots - 1)) {
      if (table[h] == 0) {
        table[h] = static_cast<uint32_t>(row + 1);
        break;
      }
      const size_t kept = table[h] - 1;
      if (key[kept] == key[row]) {
        raw.reject[row] = "duplicate " + names + " '" + std::string(key[row]) + "' (kept fid " +
                          std::to_string(raw.fid[kept]) + ")";
        break;
      }
    }
  }
}

// Text made valid UTF-8 (whatever encoding the source was written in), attribute rejects (they
// take precedence over geometry reasons, which the row already holds), and Chinese code values
// (企业原因, 出让, 工业用地, ...) turned into the contract's codes: row by row, the rows in
// parallel (each row is its own).
// Returns how many text values were not valid UTF-8.
int64_t RowChecksAndCodes(RawLayer& raw) {
  const auto& fields = raw.spec->fields;
  std::atomic<int64_t> invalid{0};
  std::vector<char> coded(fields.size());
  for (size_t k = 0; k < fields.size(); ++k) coded[k] = HasContractCodes(raw.spec->name, fields[k].name);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, raw.size(), 4096), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t row = r.begin(); row != r.end(); ++row) {
      for (size_t k = 0; k < fields.size(); ++k) {
        Value& v = raw.values[row * fields.size() + k];
        const bool text = v.kind == Value::Kind::kText || v.kind == Value::Kind::kBad;
        if (text && !CPLIsUTF8(v.text.c_str(), static_cast<int>(v.text.size()))) {
          v.text = ValidUtf8(v.text);
          invalid.fetch_add(1, std::memory_order_relaxed);
        }
      }
      std::string why = AttributeReject(raw, row);
      if (!why.empty()) raw.reject[row] = std::move(why);
      for (size_t k = 0; k < fields.size(); ++k) {
        Value& v = raw.values[row * fields.size() + k];
        if (coded[k] && v.kind == Value::Kind::kText) v.text = ContractCode(raw.spec->name, fields[k].name, v.text);
      }
    }
  });
  return invalid.load();
}

// holder_groups: holder and group name trimmed of white space before anything else (a holder is
// matched trimmed, so "  X公司 " and "X公司" are one holder); one empty after trimming is missing.
void TrimHolderGroups(RawLayer& raw) {
  for (size_t row = 0; row < raw.size(); ++row)
    for (size_t k = 0; k < 2; ++k) {
      Value& v = raw.values[row * raw.spec->fields.size() + k];
      if (v.kind != Value::Kind::kText) continue;
      v.text = TrimWhiteSpace(v.text);
      if (v.text.empty() && raw.reject[row].empty()) raw.reject[row] = std::string("missing ") + raw.spec->fields[k].name;
    }
}

}  // namespace

void FillColumns(RawLayer& raw, InputData& data, LayerReport& report) {
  const LayerSpec& spec = *raw.spec;
  const std::string name = spec.name;
  const size_t n = raw.size();
  // Process in fid order whatever order the driver returned.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), uint32_t{0});
  if (!std::is_sorted(raw.fid.begin(), raw.fid.end()))
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return raw.fid[a] < raw.fid[b]; });

  if (const int64_t invalid = RowChecksAndCodes(raw); invalid > 0) {
    report.invalid_utf8 = invalid;
    report.encoding += (report.encoding.empty() ? "" : "; ") + std::to_string(invalid) +
                       " text values not valid UTF-8 (read as GB18030)";
  }
  if (name == "supplies") {
    for (size_t row = 0; row < n; ++row)
      if (raw.reject[row].empty() && !ParseIdleCause(Text(raw.At(row, 7))))
        raw.reject[row] = "unknown idle_cause '" + Text(raw.At(row, 7)) + "'";
  }
  std::unordered_map<std::string, uint32_t> supply_index;
  if (name == "enterprises") {
    for (uint32_t i = 0; i < data.supplies.size(); ++i) supply_index.emplace(data.supplies.id[i], i);
    for (size_t row = 0; row < n; ++row)
      if (raw.reject[row].empty() && !supply_index.count(Text(raw.At(row, 1))))
        raw.reject[row] = "supply_id '" + Text(raw.At(row, 1)) + "' names no supply";
  }
  if (name == "targets") {
    std::unordered_map<std::string, int> towns;
    for (const auto& c : data.towns.code) towns.emplace(c, 0);
    for (size_t row = 0; row < n; ++row)
      if (raw.reject[row].empty() && !towns.count(Text(raw.At(row, 0))))
        raw.reject[row] = "town_code '" + Text(raw.At(row, 0)) + "' names no town";
  }
  if (name == "holder_groups") TrimHolderGroups(raw);
  // A repeated id: among the otherwise usable features, the lowest fid is kept.
  if (!spec.key_fields.empty()) RejectRepeatedKeys(raw, order);

  PolygonColumn* shapes = ShapesOf(name, data);
  std::vector<Box> boxes;
  std::vector<double> areas;
  const bool whole = TakeShapes(raw, shapes, boxes, areas);
  // the rejects listed in fid order; the used rows' slots, filled in parallel, each row its own
  std::vector<uint32_t> used;
  if (whole) {
    used = std::move(order);
  } else {
    used.reserve(n);
    for (uint32_t row : order) {
      if (raw.reject[row].empty()) {
        used.push_back(row);
        continue;
      }
      data.rejects.push_back({name, raw.fid[row], FeatureId(raw, row), raw.reject[row].str(),
                              raw.polygons.empty() ? MultiPolygon{} : std::move(raw.polygons[row])});
      ++report.rejected;
      // group reasons by their leading words so the report stays short
      ++report.rejected_by_reason[ReasonGroup(raw.reject[row].str())];
    }
  }
  report.used += static_cast<int64_t>(used.size());
  for (uint32_t row : used)
    if (!raw.repaired.empty() && raw.repaired[row]) ++report.repaired;
  ResizeColumns(name, used.size(), data, shapes, !whole);
  const LayerKind kind = KindOf(name);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, used.size(), 2048), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t at = r.begin(); at != r.end(); ++at) {
      const uint32_t row = used[at];
      if (shapes && !whole) {
        shapes->fid[at] = raw.fid[row];
        shapes->geom[at] = std::move(raw.polygons[row]);
        shapes->box[at] = boxes[row];
        shapes->area_m2[at] = areas[row];
      }
      PutRow(kind, raw, row, at, data, supply_index);
    }
  });
  if (const std::vector<Date>* dates = RangeDates(name, data); dates && !dates->empty()) {
    const auto [lo, hi] = std::minmax_element(dates->begin(), dates->end());
    if (!report.first_date || *lo < *report.first_date) report.first_date = *lo;
    if (!report.last_date || *hi > *report.last_date) report.last_date = *hi;
  }
  // Extent of what is used, in the working CRS.
  auto extend = [&](const Box& b) {
    if (!report.has_extent) {
      report.min_x = b.min_corner().x();
      report.min_y = b.min_corner().y();
      report.max_x = b.max_corner().x();
      report.max_y = b.max_corner().y();
      report.has_extent = true;
      return;
    }
    report.min_x = std::min(report.min_x, b.min_corner().x());
    report.min_y = std::min(report.min_y, b.min_corner().y());
    report.max_x = std::max(report.max_x, b.max_corner().x());
    report.max_y = std::max(report.max_y, b.max_corner().y());
  };
  if (shapes)
    for (const auto& b : shapes->box) extend(b);
  if (name == "river")
    for (size_t i = 0; i < data.river.size(); ++i) {
      if (!data.river.polygons[i].empty()) extend(Envelope(data.river.polygons[i]));
      for (const auto& l : data.river.lines[i])
        for (const auto& p : l) extend(Box(p, p));
    }
}

void FinishInput(InputData& data) {
  const auto& names = ContractLayerNames();
  auto rank = [&](const std::string& layer) {
    return std::find(names.begin(), names.end(), layer) - names.begin();
  };
  std::stable_sort(data.rejects.begin(), data.rejects.end(), [&](const Reject& a, const Reject& b) {
    const auto ra = rank(a.layer), rb = rank(b.layer);
    return ra != rb ? ra < rb : a.fid < b.fid;
  });
  data.repaired_total = 0;
  for (const auto& r : data.reports) data.repaired_total += r.repaired;
}

}  // namespace panhuo::detail

namespace panhuo {

void PolygonColumn::Add(int64_t f, MultiPolygon g) {
  const Box b = Envelope(g);
  const double a = Area(g);
  Add(f, std::move(g), b, a);
}

void PolygonColumn::Add(int64_t f, MultiPolygon g, const Box& b, double a) {
  fid.push_back(f);
  box.push_back(b);
  area_m2.push_back(a);
  geom.push_back(std::move(g));
}

void PolygonColumn::Reserve(size_t n) {
  fid.reserve(n);
  box.reserve(n);
  area_m2.reserve(n);
  geom.reserve(n);
}

}  // namespace panhuo
