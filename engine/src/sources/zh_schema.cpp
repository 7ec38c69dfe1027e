#include "panhuo/sources/zh_schema.hpp"

#include <cpl_string.h>

#include <algorithm>

#include "panhuo/sources/code_values.hpp"
#include "panhuo/sources/encoding.hpp"
#include "panhuo/core/text.hpp"

namespace panhuo::detail {
namespace {

using Names = std::vector<std::string>;

// docs/data.md, section 4 (`--schema zh`), "图层名"
const std::map<std::string, Names>& ZhLayers() {
  static const std::map<std::string, Names> t = {
      {"towns", {"行政区", "镇街", "乡镇", "行政区划", "XZQ"}},
      {"approvals", {"报批地块", "批次", "农转用", "征收", "批准用地", "PZYD"}},
      {"supplies", {"供地", "供地地块", "出让", "划拨", "GD"}},
      {"construction", {"建设图斑", "变化图斑", "建筑", "建设用地", "JSTB"}},
      {"enterprises", {"企业", "亩均", "亩均评价"}},
      {"rural_plots", {"农村建设用地", "村庄用地", "复垦"}},
      {"river", {"长江", "河流", "岸线"}},
      {"targets", {"目标任务", "盘活目标", "任务"}},
      {"reserves", {"储备地块", "收购储备", "土地储备", "储备", "CBTD"}},
      {"constraints", {"规划管控", "限制供地", "生态保护红线", "永久基本农田", "管控"}},
      {"holder_groups", {"企业集团", "集团"}},
      // ---- v3: work plans ----
      {"plans", {"工作方案", "处置方案", "盘活计划"}},
      // ---- end v3: work plans ----
  };
  return t;
}

// docs/data.md, section 4, "字段名"; the order within a list is the order of preference
const std::map<std::pair<std::string, std::string>, Names>& ZhFields() {
  static const std::map<std::pair<std::string, std::string>, Names> t = {
      {{"towns", "town_code"}, {"行政区代码", "行政区划代码", "XZQDM"}},
      {{"towns", "town_name"}, {"行政区名称", "名称", "XZQMC"}},
      {{"towns", "kind"}, {"类型", "类别"}},
      {{"approvals", "approval_id"}, {"地块编号", "项目编号", "编号", "DKBH", "XMBH"}},
      {{"approvals", "batch_no"}, {"批准文号", "批次名称", "批次号", "PZWH", "PCMC"}},
      {{"approvals", "approval_date"}, {"批准日期", "批复日期", "批准时间", "PZRQ"}},
      {{"approvals", "kind"}, {"报批类型", "类型"}},
      {{"supplies", "supply_id"}, {"电子监管号", "监管号", "合同编号", "DZJGH"}},
      {{"supplies", "supply_date"}, {"供地日期", "合同签订日期", "签订日期", "供地时间", "GDRQ"}},
      {{"supplies", "mode"}, {"供地方式", "GDFS"}},
      {{"supplies", "land_use"}, {"土地用途", "用途", "TDYT"}},
      {{"supplies", "agreed_start"}, {"约定开工时间", "约定开工日期", "约定动工时间", "YDKGSJ"}},
      {{"supplies", "price_wan"}, {"成交价格", "出让价款", "价款", "CJJG"}},
      {{"supplies", "holder"}, {"土地使用权人", "受让人", "用地单位", "SRR"}},
      {{"supplies", "idle_cause"}, {"闲置原因", "XZYY"}},
      {{"construction", "obs_id"}, {"图斑编号", "标识码", "BSM", "TBBH"}},
      {{"construction", "observed_date"}, {"监测日期", "发现日期", "影像日期", "调查日期", "JCRQ"}},
      {{"rural_plots", "plot_id"}, {"地块编号", "图斑编号", "标识码", "BSM"}},
      {{"rural_plots", "village"}, {"村名", "行政村", "坐落单位名称", "ZLDWMC"}},
      {{"rural_plots", "kind"}, {"类型", "地类"}},
      {{"rural_plots", "retained"}, {"是否保留村庄", "保留村庄"}},
      {{"rural_plots", "idle"}, {"是否闲置", "闲置"}},
      {{"enterprises", "enterprise_id"}, {"统一社会信用代码", "企业代码", "信用代码", "TYSHXYDM"}},
      {{"enterprises", "supply_id"}, {"电子监管号", "监管号"}},
      {{"enterprises", "year"}, {"年度", "年份"}},
      {{"enterprises", "tax_wan"}, {"税收", "实缴税金", "税收实际贡献"}},
      {{"enterprises", "sales_wan"}, {"销售收入", "营业收入", "主营业务收入"}},
      {{"enterprises", "value_added_wan"}, {"工业增加值", "增加值"}},
      {{"enterprises", "energy_tce"}, {"综合能耗", "能耗"}},
      {{"enterprises", "emission_t"}, {"排放量", "污染物排放量", "主要污染物排放量"}},
      {{"enterprises", "rnd_wan"}, {"研发经费", "研发投入"}},
      {{"enterprises", "employees"}, {"从业人数", "职工人数", "年平均职工人数"}},
      {{"river", "name"}, {"名称", "MC"}},
      {{"targets", "town_code"}, {"行政区代码", "XZQDM"}},
      {{"targets", "year"}, {"年度", "年份"}},
      {{"targets", "target_ha"}, {"目标任务", "盘活目标", "目标面积"}},
      {{"reserves", "reserve_id"}, {"储备编号", "收储编号", "地块编号", "CBBH"}},
      {{"reserves", "acquired_date"}, {"收储日期", "入库日期", "收购日期", "SCRQ"}},
      {{"reserves", "kind"}, {"收储方式", "类型"}},
      {{"constraints", "constraint_id"}, {"标识码", "编号", "BSM"}},
      {{"constraints", "kind"}, {"管控类型", "类型"}},
      {{"constraints", "name"}, {"名称", "MC"}},
      {{"holder_groups", "holder"}, {"土地使用权人", "受让人", "用地单位", "企业名称"}},
      {{"holder_groups", "group_name"}, {"企业集团", "集团名称", "所属集团"}},
      // ---- v3: work plans; besides the spec's names, the ledger's own column titles (批准地块编号
      // of 批而未供, 要素编号 of 工作方案进度), so that a ledger handed back reads as plans ----
      {{"plans", "feature_id"}, {"地块编号", "电子监管号", "编号", "批准地块编号", "要素编号"}},
      {{"plans", "measure"}, {"处置措施", "盘活措施", "工作措施"}},
      {{"plans", "responsible"}, {"责任单位", "责任人"}},
      {{"plans", "leader"}, {"挂钩领导", "包片领导"}},
      {{"plans", "due_date"}, {"计划完成时间", "完成时限", "时间节点"}},
      // ---- end v3: work plans ----
  };
  return t;
}

// docs/data.md, section 4, "单位": unit -> factor to the contract's unit
const std::map<std::string, double>& MoneyUnits() {
  static const std::map<std::string, double> t = {{"万元", 1.0}, {"元", 1e-4}};
  return t;
}
const std::map<std::string, double>& AreaUnits() {
  static const std::map<std::string, double> t = {{"公顷", 1.0}, {"亩", 1.0 / 15.0}, {"平方米", 1e-4}};
  return t;
}

// docs/data.md, section 4, "代码值": rural_plots.retained and idle
const std::map<std::string, int64_t>& Flags() {
  static const std::map<std::string, int64_t> t = {{"是", 1}, {"否", 0}, {"y", 1}, {"n", 0}, {"yes", 1},
                                                   {"no", 0}, {"true", 1}, {"false", 0}};
  return t;
}

const Names kNone;

// `s` without ASCII and full-width (U+3000) spaces at either end.
std::string TrimSpaces(std::string s) {
  const std::string wide = "\xE3\x80\x80";
  bool changed = true;
  while (changed) {
    changed = false;
    s = TrimText(s);
    if (s.rfind(wide, 0) == 0) s.erase(0, wide.size()), changed = true;
    if (s.size() >= wide.size() && s.compare(s.size() - wide.size(), wide.size(), wide) == 0)
      s.erase(s.size() - wide.size()), changed = true;
  }
  return s;
}

// A name's base as compared: lower case, and for a Chinese name without the '_' and spaces that
// laundering (ArcGIS, FileGDB) and typing put between its characters.
std::string Comparable(const std::string& base) {
  std::string s = AsciiLower(base);
  if (std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) return s;
  std::erase_if(s, [](char c) { return c == '_' || c == ' '; });
  return s;
}

// The comparable form of a name: its base, compared as above.
std::string Key(const std::string& name) { return Comparable(SplitName(name).base); }

bool IsUnit(const std::string& unit) { return MoneyUnits().count(unit) || AreaUnits().count(unit); }

}  // namespace

NameParts SplitName(const std::string& name) {
  std::string s = TrimSpaces(name);
  size_t open = std::string::npos, len = 0;
  for (const std::string p : {"(", "（"})
    if (const size_t at = s.rfind(p); at != std::string::npos && (open == std::string::npos || at > open))
      open = at, len = p.size();
  if (open == std::string::npos || open == 0) {
    // laundered: "出让价款(元)" arrives from ArcGIS or a FileGDB as "出让价款_元_" (also
    // "出让价款__元_" for "出让价款 (元)"): a trailing "_unit_" that names a unit is one
    if (s.size() > 2 && s.back() == '_')
      if (const size_t at = s.rfind('_', s.size() - 2); at != std::string::npos && at > 0)
        if (const std::string unit = s.substr(at + 1, s.size() - at - 2); IsUnit(unit)) {
          std::string base = s.substr(0, at);
          while (!base.empty() && base.back() == '_') base.pop_back();
          return {base, unit};
        }
    return {s, ""};
  }
  std::string unit = s.substr(open + len);
  for (const std::string p : {")", "）"})
    if (unit.size() >= p.size() && unit.compare(unit.size() - p.size(), p.size(), p) == 0)
      unit.erase(unit.size() - p.size());
  return {TrimSpaces(s.substr(0, open)), TrimSpaces(unit)};
}

std::string DbfCut(const std::string& utf8) {
  if (utf8.size() <= 10) return utf8;  // GBK never takes more bytes than UTF-8
  char* gbk = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936");
  std::string g = gbk ? gbk : "";
  CPLFree(gbk);
  size_t cut = 0;
  while (cut < g.size()) {
    const size_t len = static_cast<unsigned char>(g[cut]) < 0x80 ? 1 : 2;
    if (cut + len > 10) break;
    cut += len;
  }
  char* back = CPLRecode(g.substr(0, cut).c_str(), "CP936", CPL_ENC_UTF8);
  std::string out = back ? back : "";
  CPLFree(back);
  return out;
}

const std::vector<std::string>& SchemaLayerNames(const std::string& schema, const std::string& layer) {
  if (schema != "zh") return kNone;
  const auto it = ZhLayers().find(layer);
  return it == ZhLayers().end() ? kNone : it->second;
}

const std::vector<std::string>& SchemaFieldAliases(const std::string& schema, const std::string& layer,
                                                   const std::string& field) {
  if (schema != "zh") return kNone;
  const auto it = ZhFields().find({layer, field});
  return it == ZhFields().end() ? kNone : it->second;
}

namespace {

// The length of the longest name of another contract layer that `key` equals or starts with (a
// layer 企业集团 is holder_groups', not enterprises' by its start 企业).
size_t LongestOtherName(const std::string& layer, const std::string& key) {
  size_t longest = 0;
  for (const auto& [other, names] : ZhLayers()) {
    if (other == layer) continue;
    for (const auto& n : names)
      if (key.rfind(Comparable(n), 0) == 0) longest = std::max(longest, Comparable(n).size());
  }
  return longest;
}

}  // namespace

int MatchLayer(const std::string& schema, const std::string& layer, const std::vector<std::string>& source_layers) {
  const auto& names = SchemaLayerNames(schema, layer);
  for (const bool by_start : {false, true})
    for (const auto& n : names)
      for (size_t i = 0; i < source_layers.size(); ++i) {
        const std::string have = Key(source_layers[i]), want = Comparable(n);
        if (!by_start && have == want) return static_cast<int>(i);
        // by its start only when no other layer has a longer name it starts with
        if (by_start && have.rfind(want, 0) == 0 && LongestOtherName(layer, have) <= want.size())
          return static_cast<int>(i);
      }
  return -1;
}

UnitScale UnitFor(const std::string& field, const std::string& unit) {
  const bool money = field.size() > 4 && field.compare(field.size() - 4, 4, "_wan") == 0;
  const auto& table = money ? MoneyUnits() : AreaUnits();
  if ((!money && field != "target_ha") || unit.empty()) return {};
  const auto it = table.find(unit);
  if (it == table.end() || it->second == 1.0) return {};
  return {it->second, it->second == 1e-4 ? "÷10000" : "÷15"};
}

std::vector<FieldSource> MatchFields(const std::string& schema, const LayerSpec& spec,
                                     const std::vector<std::string>& source_names,
                                     const std::map<std::string, std::string>& mapped) {
  std::vector<FieldSource> out(spec.fields.size());
  std::vector<bool> taken(source_names.size(), false);
  std::vector<std::string> keys;  // a GBK name (a CSV header) is compared decoded
  for (const auto& n : source_names) keys.push_back(Key(ValidUtf8(n)));
  auto find = [&](const std::string& name, bool allow_taken) {
    const std::string want = Comparable(SplitName(name).base), cut = Comparable(DbfCut(SplitName(name).base));
    for (const std::string& w : {want, cut})
      for (size_t i = 0; i < source_names.size(); ++i)
        if ((allow_taken || !taken[i]) && keys[i] == w) return static_cast<int>(i);
    return -1;
  };
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    const std::string field = spec.fields[k].name;
    int idx = -1;
    if (const auto m = mapped.find(field); m != mapped.end()) {
      idx = find(m->second, true);
    } else {
      idx = find(field, false);
      for (const auto& alias : SchemaFieldAliases(schema, spec.name, field))
        if (idx < 0) idx = find(alias, false);
    }
    if (idx < 0) continue;
    taken[static_cast<size_t>(idx)] = true;
    out[k] = {idx, UnitFor(field, SplitName(ValidUtf8(source_names[static_cast<size_t>(idx)])).unit)};
  }
  return out;
}

void ApplyUnitsAndFlags(RawLayer& raw, const std::vector<FieldSource>& sources) {
  const auto& fields = raw.spec->fields;
  const size_t nf = fields.size();
  for (size_t k = 0; k < nf; ++k) {
    const bool flag = std::string(fields[k].name) == "retained" || std::string(fields[k].name) == "idle";
    const double factor = sources[k].unit.factor;
    if (!flag && factor == 1.0) continue;
    for (size_t row = 0; row < raw.size(); ++row) {
      Value& v = raw.values[row * nf + k];
      if (v.kind == Value::Kind::kReal && factor != 1.0 && !HasMoneyUnit(v.text)) v.d *= factor;
      if (!flag || v.kind != Value::Kind::kBad) continue;
      if (const auto it = Flags().find(AsciiLower(TrimText(v.text))); it != Flags().end()) {
        v.kind = Value::Kind::kInt;
        v.i = it->second;
        v.text.clear();
      }
    }
  }
}

bool LooksChinese(const std::vector<std::string>& names) {
  for (const auto& n : names)
    for (unsigned char c : n)
      if (c >= 0x80) return true;
  return false;
}

}  // namespace panhuo::detail
