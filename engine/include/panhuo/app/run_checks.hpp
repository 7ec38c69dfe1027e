// What looks wrong in a run, said in one line each: on stderr and in the output's `run` layer.
// Nothing here stops a run; a --crs that fails for every feature of a layer does (exit 1).
#pragma once

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/scan/county.hpp"

namespace panhuo::app {

// Warnings of a run on `county` up to `latest` (the as-of date, or the last date of a timeline
// or comparison), `today` being the calendar date of the run:
//   - `latest` after the newest date in the data, or after today;
//   - approvals and supplies outside every town (how many, how many hectares);
//   - a layer that lost more than 5 % of its features to rejects.
std::vector<std::string> RunWarnings(const County& county, Date latest, Date today);

// Today's calendar date (UTC).
Date Today();

// An error when `assumed_crs` (the --crs option) is given and every feature of a layer failed
// reprojection: the CRS is surely not the layer's.
Status CheckAssumedCrs(const InputData& data, const std::string& assumed_crs);

}  // namespace panhuo::app
