// The outputs of one run stand or fall together. Every writer finishes its file under a
// temporary name and then publishes it under its own name (PublishOutput). While a run stages
// (BeginStaging), publishing waits: the finished files stay under their temporary names until
// the run commits them all (CommitStaged), after its last output was written and checked, or
// removes them all (AbortStaged) when any output failed. So a run whose ledger, report or CSV
// cannot be written leaves nothing new under any of its names, and an output it was to replace
// (--overwrite) stays as it was.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo {

// From now on this process's outputs wait for CommitStaged or AbortStaged.
void BeginStaging();

// `partial`, finished and checked, under the name `final`: renamed at once when the process is
// not staging, else when it commits. An error naming both when the rename fails.
Status PublishOutput(const std::string& partial, const std::string& final);

// Where the finished content of the output `final` lies now: its temporary name while it waits
// to be committed, else `final` itself.
std::string FinishedPath(const std::string& final);

// `gpkg`, the GeoPackage an output in another format was made from, stays where the run's
// other writers find the output's content (FinishedPath(final)) until the run commits or
// aborts, and is removed then; at once when the process is not staging.
void KeepSourceOf(const std::string& final, const std::string& gpkg);

// Removes the output `final` (a file of the run's own, such as a temporary copy), whether it
// waits or has its name.
void DiscardOutput(const std::string& final);

// Renames every waiting output to its name, in the order they were finished; stops staging.
Status CommitStaged();

// Removes every waiting output; stops staging.
void AbortStaged();

}  // namespace panhuo
