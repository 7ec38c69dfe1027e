// A command's tables written as it was asked (an OutputRequest, panhuo/sinks/sink.hpp: -o, --csv,
// --xlsx). Every command builds its tables and hands them here.
#pragma once

#include <string>
#include <vector>

#include "panhuo/scan/county.hpp"
#include "panhuo/sinks/sink.hpp"

namespace panhuo::app {

using panhuo::OutputRequest;

// `tables` on `county` written as `request` asks: its working CRS, its document (county name
// from the town codes unless given, the town names).
Status WriteRequested(const County& county, std::vector<Table> tables, const OutputRequest& request,
                      ProgressFn progress = nullptr);

}  // namespace panhuo::app
