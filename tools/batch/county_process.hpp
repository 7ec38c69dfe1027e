// One county scanned in a process of its own, so that a scan that dies (killed, out of memory, a
// crash inside a library) loses only that county: the process that hands it out sees the death,
// reports the county as failed and goes on with the next one.
//
// The county's process is this same executable, started again with the batch command line it was
// started with plus `--county-process CODE --county-rank N --county-outcome PATH`: it reads the
// same list and parameters, scans that one county exactly as RunCounty does (without MPI) and
// writes the outcome as JSON to PATH (a hidden file in OUTDIR, removed once read). It gets
// SIGTERM when the process that started it ends, so an interrupted batch leaves no scan running.
//
// A county that is up to date under --resume is reported from its record without a process.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "county_list.hpp"
#include "county_run.hpp"

namespace panhuo::cli::batch {

// Runs `job` in a child process (see above); never throws. A child that dies or ends without an
// outcome gives a failed outcome saying how it ended.
nlohmann::json RunCountyInProcess(const CountyJob& job, const RunSettings& settings, int rank);

// The child's side: RunCounty, its outcome written to `outcome_path` (atomically). 0 when the
// outcome was written, 1 otherwise.
int WriteCountyOutcome(const CountyJob& job, const RunSettings& settings, int rank,
                       const std::string& outcome_path);

}  // namespace panhuo::cli::batch
