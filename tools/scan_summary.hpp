// The scan's summary on the terminal: a table of the towns within 132 columns (CJK characters
// counted as two), Chinese by default, with the legend of every mark and the county's lines.
#pragma once

#include <optional>
#include <string>

#include "panhuo/scan/scan.hpp"

namespace panhuo::cli {

void PrintScanSummary(const County& county, const ScanResult& r, const std::string& county_name, const std::string& lang);

// A share as a percentage with one decimal ("113.8%"), "-" when null.
std::string Percent(const std::optional<double>& v);

// `text` right-aligned in `width` terminal columns (CJK characters take two).
std::string RightColumns(const std::string& text, size_t width);

}  // namespace panhuo::cli
