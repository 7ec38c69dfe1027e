// The county of a county's data, from the GB/T 2260 table compiled in.
#include "county_names.hpp"

#include <map>
#include <sstream>

#include "panhuo/sinks/ledger.hpp"

#include "county_codes.hpp"  // generated from engine/data/county_codes.csv: kCountyCodesCsv

namespace panhuo::detail {
namespace {

const std::map<std::string, CountyName>& Table() {
  static const std::map<std::string, CountyName> table = [] {
    std::map<std::string, CountyName> t;
    std::istringstream in(kCountyCodesCsv);
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
      CountyName c;
      std::istringstream row(line);
      std::getline(row, c.code, ',');
      std::getline(row, c.name, ',');
      std::getline(row, c.province, ',');
      std::getline(row, c.city, ',');
      if (c.code.size() == 6) t.emplace(c.code, c);
    }
    return t;
  }();
  return table;
}

bool Digits(const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; }

}  // namespace

CountyName CountyOf(const InputData& data) {
  std::string code;
  for (size_t t = 0; t < data.towns.size(); ++t) {
    const std::string& town = data.towns.code[t];
    if (town.size() < 6 || !Digits(town.substr(0, 6))) return {};
    if (code.empty()) code = town.substr(0, 6);
    else if (town.compare(0, 6, code) != 0) return {};
  }
  if (code.empty()) return {};
  auto it = Table().find(code);
  if (it == Table().end()) return {code, "", "", ""};
  return it->second;
}

std::string CountyNameFor(const InputData& data, const std::string& given) {
  return given.empty() ? CountyOf(data).name : given;
}

}  // namespace panhuo::detail

namespace panhuo {
std::string DocumentCountyName(const InputData& data, const std::string& given) {
  return detail::CountyNameFor(data, given);
}
}  // namespace panhuo

namespace panhuo {

Document DocumentOf(const InputData& data, const std::string& lang, const std::string& county,
                    const std::string& issuer) {
  Document doc{lang, DocumentCountyName(data, county), issuer, {}};
  for (size_t t = 0; t < data.towns.size(); ++t) doc.town_names.emplace(data.towns.code[t], data.towns.name[t]);
  return doc;
}

}  // namespace panhuo
