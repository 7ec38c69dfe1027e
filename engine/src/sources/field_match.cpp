#include "panhuo/sources/field_match.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace panhuo::detail {
namespace {

size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string SourceFields(OGRFeatureDefn* defn) {
  std::string s;
  for (int i = 0; i < defn->GetFieldCount(); ++i) s += std::string(i ? ", " : "") + defn->GetFieldDefn(i)->GetNameRef();
  return "the source has: " + (s.empty() ? std::string("no fields") : s);
}

std::string DidYouMean(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, name.size() / 3) + 1;
  for (const auto& c : candidates) {
    // a DBF keeps 10 bytes of a name: a candidate that is the cut of the name is the one meant
    if (name.size() > 10 && c.size() >= 9 && c.size() <= 10 && name.compare(0, c.size(), c) == 0) return " (did you mean '" + c + "', its 10-byte DBF cut?)";
    const size_t d = Distance(name, c);
    if (d < best_d) best_d = d, best = c;
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

Status CheckMappedKeys(const LayerSpec& spec, const std::map<std::string, std::string>& fields,
                       const std::string& map_path) {
  std::vector<std::string> names;
  for (const auto& f : spec.fields) names.push_back(f.name);
  for (const auto& [key, source] : fields)
    if (std::find(names.begin(), names.end(), key) == names.end())
      return Status::Error("field-mapping file '" + map_path + "': '" + spec.name + ".fields." + key +
                           "' is not a field of layer " + spec.name + DidYouMean(key, names));
  return {};
}

Result<std::map<std::string, LayerMapping>> LoadFieldMap(const std::string& path) {
  std::map<std::string, LayerMapping> out;
  if (path.empty()) return out;
  std::ifstream in(path);
  if (!in) return Status::Error("cannot open field-mapping file '" + path + "'");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    return Status::Error("field-mapping file '" + path + "' is not valid JSON: " + e.what());
  }
  if (!j.is_object()) return Status::Error("field-mapping file '" + path + "': expected an object");
  const auto& names = ContractLayerNames();
  for (const auto& [layer, m] : j.items()) {
    if (std::find(names.begin(), names.end(), layer) == names.end())
      return Status::Error("field-mapping file '" + path + "': unknown layer '" + layer + "'");
    if (!m.is_object())
      return Status::Error("field-mapping file '" + path + "': '" + layer + "' must be an object");
    LayerMapping lm;
    for (const auto& [key, v] : m.items()) {
      if (key == "layer" && v.is_string()) {
        lm.layer = v.get<std::string>();
      } else if (key == "fields" && v.is_object()) {
        for (const auto& [f, src] : v.items()) {
          if (!src.is_string())
            return Status::Error("field-mapping file '" + path + "': " + layer + ".fields." + f +
                                 " must be a string");
          lm.fields[f] = src.get<std::string>();
        }
      } else {
        return Status::Error("field-mapping file '" + path + "': unknown or mistyped key '" +
                             layer + "." + key + "' (expected \"layer\": text, \"fields\": object)");
      }
    }
    out[layer] = std::move(lm);
  }
  return out;
}

Status CheckRejectShare(const InputData& data, const std::vector<std::string>& required, bool accept) {
  if (accept) return {};
  for (const auto& r : data.reports) {
    if (std::find(required.begin(), required.end(), r.name) == required.end() || r.read == 0) continue;
    if (2 * r.rejected <= r.read) continue;
    std::string reasons;
    for (const auto& [why, n] : r.rejected_by_reason) reasons += "; " + std::to_string(n) + " " + why;
    return Status::Error("'" + r.source + "' layer '" + r.source_layer + "' (" + r.name + "): " +
                         std::to_string(r.rejected) + " of " + std::to_string(r.read) + " features rejected" + reasons +
                         (r.rejected == r.read ? "; nothing of the layer is left" : "") +
                         " (--accept-rejects goes on with what is left)");
  }
  return {};
}

}  // namespace panhuo::detail
