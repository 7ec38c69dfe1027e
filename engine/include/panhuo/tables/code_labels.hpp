// The Chinese labels of the contract's code values, for everything a person reads (the
// ledger's cells, the report's lists and popups): one place for every sink.
#pragma once

#include <map>
#include <string>

namespace panhuo::detail {

// The Chinese label of `value` in `layer`.`field` of an output: 闲置（未动工） for status
// idle_unstarted, 0601 工业用地 for land_use 0601, 是/否 for a 0/1 flag, each part of a
// comma-joined list of codes (unfit_for_supply.kinds) labelled; `value` itself when the field has
// no codes or the value is not one of them.
std::string CodeLabel(const std::string& layer, const std::string& field, const std::string& value);

// Whether `layer`.`field` holds code values (or 0/1 flags) that CodeLabel labels.
bool HasCodeLabels(const std::string& layer, const std::string& field);

// How a document names the whole county: 全市, 全区 or 全旗 as the county's name ends, else 全县.
std::string WholeCounty(const std::string& county_name);

// Every code of every field with its label, for the report: field → code → label (the
// layer-specific ones under "layer.field").
std::map<std::string, std::map<std::string, std::string>> CodeLabelTable();

}  // namespace panhuo::detail
