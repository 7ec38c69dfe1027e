// Internal: the values bureau data writes where the contract has a code or a number with a unit
// (docs/data.md, section 4, "代码值" and "单位"): Chinese code values mapped to the
// contract's, and money written with its unit (75.29万元, 752900元).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace panhuo::detail {

// `s` without leading and trailing blanks (space, tab, CR, LF): how every text value is read.
std::string TrimText(std::string_view s);

// The contract's code for a value of `layer`.`field` written in Chinese (企业原因 → enterprise,
// 出让 → grant, 工业用地 → 0601, ...); any other value as it is.
// Whether (layer, field) has contract codes at all (ContractCode maps its values).
bool HasContractCodes(const std::string& layer, const std::string& field);

std::string ContractCode(const std::string& layer, const std::string& field, const std::string& value);

// A number written as text, with an optional money unit: "75.29", "75.29万元" (10,000 CNY, as is),
// "752900元" (÷ 10,000). Nothing when it is not such a number.
std::optional<double> NumberWithUnit(const std::string& text);
// Whether `text` ends in a money unit (万元, 元), which NumberWithUnit has applied.
bool HasMoneyUnit(const std::string& text);

}  // namespace panhuo::detail
