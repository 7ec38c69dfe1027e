// Reading a scenario file (TOML) that a planner edits by hand. Every mistake is reported with
// the file, the line and the full key, and unknown keys are errors (a typo must never silently
// fall back to a default).
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "panhuo/scenario/scenario.hpp"

namespace panhuo {

const char* ToString(PlotPriority p) {
  switch (p) {
    case PlotPriority::kNonRetained: return "non_retained";
    case PlotPriority::kIdle: return "idle";
    case PlotPriority::kAreaDesc: return "area_desc";
    case PlotPriority::kAreaAsc: return "area_asc";
  }
  return "";
}

namespace {

const std::vector<std::string> kPlotKinds = {"homestead", "vacant", "unused", "other"};

// Edit distance, for "did you mean" hints on unknown keys.
size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::string Num(double v) {
  std::ostringstream os;
  os.precision(10);
  os << v;
  return os.str();
}

// Reads one file's tables, remembering the file name for messages.
class Reader {
 public:
  Reader(std::string file, const std::vector<std::string>& towns)
      : file_(std::move(file)), towns_(towns.begin(), towns.end()) {}

  Status Error(const toml::source_region& at, const std::string& msg) const {
    return Status::Error(file_ + ":" + std::to_string(at.begin.line) + ": " + msg);
  }
  Status Must(const toml::node& v, const std::string& key, const std::string& want) const {
    return Error(v.source(), "key '" + key + "' must be " + want);
  }

  // Unknown keys are errors, with the nearest known key as a hint.
  Status CheckKeys(const toml::table& t, const std::string& prefix, const std::vector<std::string>& known) const {
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string hint;
      size_t best = 3;
      for (const auto& kk : known)
        if (size_t dd = Distance(key, kk); dd < best) {
          best = dd;
          hint = " (did you mean '" + prefix + kk + "'?)";
        }
      return Error(k.source(), "unknown key '" + prefix + key + "'" + hint + "; known keys here: " + Join(known));
    }
    return {};
  }

  Status Text(const toml::node& v, const std::string& key, std::string& out) const {
    if (!v.is_string()) return Must(v, key, "text");
    out = *v.value<std::string>();
    return {};
  }
  Status Bool(const toml::node& v, const std::string& key, bool& out) const {
    if (!v.is_boolean()) return Must(v, key, "true or false");
    out = *v.value<bool>();
    return {};
  }
  // A number within [lo, hi] (bounds open where asked).
  Status Number(const toml::node& v, const std::string& key, double& out, double lo, double hi,
                bool lo_open = false, bool hi_open = false) const {
    if (!v.is_number()) return Must(v, key, "a number");
    const double x = *v.value<double>();
    const bool ok = std::isfinite(x) && (lo_open ? x > lo : x >= lo) && (hi_open ? x < hi : x <= hi);
    if (!ok) {
      std::string range = std::isinf(hi) ? std::string(lo_open ? "> " : ">= ") + Num(lo)
                                         : std::string("within ") + (lo_open ? "(" : "[") + Num(lo) + ", " +
                                               Num(hi) + (hi_open ? ")" : "]");
      return Error(v.source(), "key '" + key + "' must be " + range + ", got " + Num(x));
    }
    out = x;
    return {};
  }
  Status TextArray(const toml::node& v, const std::string& key, std::vector<std::string>& out) const {
    const toml::array* a = v.as_array();
    if (!a) return Must(v, key, "an array of text");
    out.clear();
    for (const toml::node& e : *a) {
      if (!e.is_string()) return Must(e, key, "an array of text");
      out.push_back(*e.value<std::string>());
    }
    return {};
  }
  // A town code given as text (or as an integer, which the code's digits spell).
  Status TownCode(const toml::node& v, const std::string& key, std::string& out) const {
    if (v.is_string()) out = *v.value<std::string>();
    else if (v.is_integer()) out = std::to_string(*v.value<int64_t>());
    else return Must(v, key, "a town code (text)");
    return KnownTown(v.source(), key, out);
  }
  Status KnownTown(const toml::source_region& at, const std::string& key, const std::string& code) const {
    if (towns_.empty() || towns_.count(code)) return {};
    return Error(at, "key '" + key + "': unknown town code '" + code + "' (not in the towns layer)");
  }
  // A table of town_code = hectares; `skip` names keys of the same table that are not towns.
  Status TownTable(const toml::table& t, const std::string& prefix, std::map<std::string, double>& out,
                   const std::vector<std::string>& skip = {}) const {
    for (auto&& [k, v] : t) {
      const std::string code(k.str());
      if (std::find(skip.begin(), skip.end(), code) != skip.end()) continue;
      const std::string key = prefix + code;
      if (Status s = KnownTown(k.source(), key, code); !s.ok()) return s;
      double ha = 0;
      if (Status s = Number(v, key, ha, 0, INFINITY); !s.ok()) return s;
      out[code] = ha;
    }
    return {};
  }

  Status Reclaim(const toml::table& t, ReclaimRules& r) const {
    const std::string p = "reclaim.";
    if (Status s = CheckKeys(t, p, {"kinds", "non_retained_villages", "idle_only", "min_area_m2", "towns",
                                    "priority", "cap_ha", "coefficient", "resettlement_share",
                                    "resettlement_ha"});
        !s.ok())
      return s;
    for (auto&& [k, v] : t) {
      const std::string name(k.str()), key = p + name;
      Status s;
      if (name == "kinds") {
        s = TextArray(v, key, r.kinds);
        if (s.ok() && r.kinds.empty())
          s = Error(v.source(), "key '" + key + "' must list at least one kind (" + Join(kPlotKinds) +
                                    "); set reclaim.cap_ha = 0 to reclaim nothing");
        for (size_t i = 0; s.ok() && i < r.kinds.size(); ++i)
          if (std::find(kPlotKinds.begin(), kPlotKinds.end(), r.kinds[i]) == kPlotKinds.end())
            s = Error((*v.as_array())[i].source(),
                      "key '" + key + "': unknown kind '" + r.kinds[i] + "' (" + Join(kPlotKinds) + ")");
      } else if (name == "non_retained_villages") {
        s = Bool(v, key, r.non_retained_villages);
      } else if (name == "idle_only") {
        s = Bool(v, key, r.idle_only);
      } else if (name == "min_area_m2") {
        s = Number(v, key, r.min_area_m2, 0, INFINITY);
      } else if (name == "towns") {
        const toml::array* a = v.as_array();
        if (!a) s = Must(v, key, "an array of town codes (text)");
        r.towns.clear();
        for (size_t i = 0; s.ok() && a && i < a->size(); ++i) {
          std::string code;
          s = TownCode((*a)[i], key, code);
          r.towns.push_back(code);
        }
      } else if (name == "priority") {
        std::vector<std::string> names;
        s = TextArray(v, key, names);
        r.priority.clear();
        const std::vector<std::string> known = {"non_retained", "idle", "area_desc", "area_asc"};
        for (size_t i = 0; s.ok() && i < names.size(); ++i) {
          const auto it = std::find(known.begin(), known.end(), names[i]);
          if (it == known.end()) {
            s = Error((*v.as_array())[i].source(),
                      "key '" + key + "': unknown priority '" + names[i] + "' (" + Join(known) + ")");
            break;
          }
          const auto prio = static_cast<PlotPriority>(it - known.begin());
          if (std::find(r.priority.begin(), r.priority.end(), prio) != r.priority.end())
            s = Error((*v.as_array())[i].source(), "key '" + key + "': '" + names[i] + "' is listed twice");
          r.priority.push_back(prio);
        }
        const bool desc = std::count(r.priority.begin(), r.priority.end(), PlotPriority::kAreaDesc) > 0;
        const bool asc = std::count(r.priority.begin(), r.priority.end(), PlotPriority::kAreaAsc) > 0;
        if (s.ok() && desc && asc)
          s = Error(v.source(), "key '" + key + "' cannot hold both 'area_desc' and 'area_asc'");
      } else if (name == "cap_ha") {
        double cap = 0;
        s = Number(v, key, cap, 0, INFINITY);
        r.cap_ha = cap;
      } else if (name == "coefficient") {
        s = Number(v, key, r.coefficient, 0, 1, true, false);
      } else if (name == "resettlement_share") {
        s = Number(v, key, r.resettlement_share, 0, 1);
      } else if (name == "resettlement_ha") {
        const toml::table* rt = v.as_table();
        if (!rt) s = Must(v, key, "a table of town_code = hectares");
        else s = TownTable(*rt, key + ".", r.resettlement_ha);
      }
      if (!s.ok()) return s;
    }
    return {};
  }

  Status Demand(const toml::table& t, DemandSpec& d) const {
    const std::string p = "demand.";
    if (const toml::node* v = t.get("demand_layer")) {
      if (Status s = Text(*v, p + "demand_layer", d.layer); !s.ok()) return s;
      if (d.layer.empty()) return Must(*v, p + "demand_layer", "the name of a polygon layer of the input");
    }
    // Every other key is a town code; its value the demand in ha.
    for (auto&& [k, v] : t) {
      const std::string code(k.str());
      if (code == "demand_layer") continue;
      if (!towns_.empty() && !towns_.count(code) && !v.is_number()) {
        // neither a town nor a number: most likely a misspelt key
        std::string hint = Distance(code, "demand_layer") < 4 ? " (did you mean 'demand.demand_layer'?)" : "";
        return Error(k.source(), "unknown key 'demand." + code + "'" + hint +
                                     "; [demand] holds demand_layer and town_code = hectares");
      }
    }
    return TownTable(t, p, d.town_ha, {"demand_layer"});
  }

  Status Rule(const toml::table& t, const std::string& p, ClearRule& r) const {
    if (Status s = CheckKeys(t, p, {"land_use", "classes", "idle_only"}); !s.ok()) return s;
    for (auto&& [k, v] : t) {
      const std::string name(k.str()), key = p + name;
      Status s;
      if (name == "land_use") {
        s = TextArray(v, key, r.land_use);
        if (s.ok() && r.land_use.empty()) s = Must(v, key, "a non-empty array of land-use code prefixes");
        for (size_t i = 0; s.ok() && i < r.land_use.size(); ++i) {
          const std::string& c = r.land_use[i];
          const bool digits = !c.empty() && c.size() <= 4 &&
                              std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
          if (!digits || c.rfind("06", 0) != 0)
            s = Error((*v.as_array())[i].source(),
                      "key '" + key + "': '" + c +
                          "' is not an industrial land-use prefix (06, 0601, 0602, ...; only industrial and "
                          "mining land is cleared)");
        }
      } else if (name == "classes") {
        std::vector<std::string> names;
        s = TextArray(v, key, names);
        r.classes.clear();
        for (size_t i = 0; s.ok() && i < names.size(); ++i) {
          const std::string& c = names[i];
          if (c.size() != 1 || std::string("ABCDT").find(c[0]) == std::string::npos) {
            s = Error((*v.as_array())[i].source(), "key '" + key + "': unknown class '" + c + "' (A, B, C, D, T)");
            break;
          }
          r.classes.push_back(static_cast<EfficiencyClass>(std::string("ABCDT").find(c[0])));
        }
      } else if (name == "idle_only") {
        s = Bool(v, key, r.idle_only);
      }
      if (!s.ok()) return s;
    }
    return {};
  }

  Status Riverside(const toml::table& t, RiversideRules& r) const {
    const std::string p = "riverside.";
    if (Status s = CheckKeys(t, p, {"buffers_m", "ban_zone_m", "clear_within_m", "clear"}); !s.ok()) return s;
    bool clear_within_given = false;
    for (auto&& [k, v] : t) {
      const std::string name(k.str()), key = p + name;
      Status s;
      if (name == "buffers_m") {
        const toml::array* a = v.as_array();
        if (!a || a->empty()) s = Must(v, key, "a non-empty array of distances in metres");
        r.buffers_m.clear();
        for (size_t i = 0; s.ok() && i < a->size(); ++i) {
          double d = 0;
          s = Number((*a)[i], key, d, 0, 50000, true, false);
          if (s.ok() && std::find(r.buffers_m.begin(), r.buffers_m.end(), d) != r.buffers_m.end())
            s = Error((*a)[i].source(), "key '" + key + "': distance " + Num(d) + " is listed twice");
          r.buffers_m.push_back(d);
        }
        std::sort(r.buffers_m.begin(), r.buffers_m.end());
      } else if (name == "ban_zone_m") {
        s = Number(v, key, r.ban_zone_m, 0, 50000, true, false);
      } else if (name == "clear_within_m") {
        s = Number(v, key, r.clear_within_m, 0, 50000, true, false);
        clear_within_given = true;
      } else if (name == "clear") {
        r.clear.clear();
        if (const toml::table* one = v.as_table()) {
          r.clear.emplace_back();
          s = Rule(*one, key + ".", r.clear.back());
        } else if (const toml::array* a = v.as_array()) {
          for (size_t i = 0; s.ok() && i < a->size(); ++i) {
            const toml::table* rt = (*a)[i].as_table();
            if (!rt) {
              s = Must((*a)[i], key, "a table or an array of tables ([[riverside.clear]])");
              break;
            }
            r.clear.emplace_back();
            s = Rule(*rt, key + "[" + std::to_string(i + 1) + "].", r.clear.back());
          }
        } else {
          s = Must(v, key, "a table or an array of tables ([[riverside.clear]])");
        }
      }
      if (!s.ok()) return s;
    }
    if (!clear_within_given) r.clear_within_m = r.ban_zone_m;
    return {};
  }

  Status Root(const toml::table& root, Scenario& sc) const {
    if (Status s = CheckKeys(root, "", {"name", "description", "reclaim", "demand", "riverside"}); !s.ok()) return s;
    for (auto&& [k, v] : root) {
      const std::string key(k.str());
      Status s;
      if (key == "name") {
        s = Text(v, key, sc.name);
        if (s.ok() && !ValidName(sc.name))
          s = Must(v, key, "an identifier of letters, digits and '_' starting with a letter, at most 40 "
                           "characters (it names the output layers), got '" + sc.name + "'");
      } else if (key == "description") {
        s = Text(v, key, sc.description);
      } else if (const toml::table* t = v.as_table()) {
        if (key == "reclaim") s = Reclaim(*t, sc.reclaim);
        else if (key == "demand") s = Demand(*t, sc.demand);
        else s = Riverside(*t, sc.riverside);
      } else {
        s = Must(v, key, "a table ([" + key + "])");
      }
      if (!s.ok()) return s;
    }
    return {};
  }

  static bool ValidName(const std::string& n) {
    if (n.empty() || n.size() > 40) return false;
    if (!std::isalpha(static_cast<unsigned char>(n[0]))) return false;
    return std::all_of(n.begin(), n.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
  }

 private:
  std::string file_;
  std::set<std::string> towns_;
};

}  // namespace

Result<Scenario> ParseScenario(std::string_view text, const std::string& source_name,
                               const std::vector<std::string>& town_codes) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << source_name << ":" << e.source().begin.line << ": " << e.description();
    return Status::Error(os.str());
  }
  Reader reader(source_name, town_codes);
  Scenario sc;
  sc.source = source_name;
  if (Status s = reader.Root(root, sc); !s.ok()) return s;
  if (sc.name.empty()) {
    const std::string stem = std::filesystem::path(source_name).stem().string();
    if (!Reader::ValidName(stem))
      return Status::Error(source_name + ":1: key 'name' is missing and the file name '" + stem +
                           "' cannot stand for it (letters, digits and '_', starting with a letter)");
    sc.name = stem;
  }
  return sc;
}

Result<Scenario> LoadScenario(const std::string& path, const std::vector<std::string>& town_codes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot open scenario file '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseScenario(buf.str(), path, town_codes);
}

}  // namespace panhuo
