// One run owns an output while it writes it. The lock is "<output>.lock" beside the output,
// held with an exclusive flock(2) from the moment the run checks its outputs until it ends, so
// that a second run on the same output stops at once with a message naming the other run,
// instead of removing the first run's temporary file or renaming over its result. A run that
// dies releases its lock with its process (the kernel drops the flock); the file it leaves is
// taken over by the next run. Within one process a path is locked once; locking it again is a
// no-op. Not for PostGIS outputs ("PG:..."), whose schema swap is a database transaction.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo {

// "<output>.lock".
std::string OutputLockPath(const std::string& output);

// Takes the lock of `output` for the rest of this process (until ReleaseOutputLocks); an error
// naming the output and the process that holds it when another run holds it, or when the lock
// file cannot be created.
Status LockOutput(const std::string& output);

// Whether this process holds the lock of `output`.
bool HoldsOutputLock(const std::string& output);

// Removes and releases every lock this process holds (also run at exit). Safe to call from a
// thread other than the main one while the process is about to end.
void ReleaseOutputLocks();

}  // namespace panhuo
