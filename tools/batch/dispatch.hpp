// Handing counties out: over MPI when the command was started by an MPI launcher (mpirun,
// srun), in this one process otherwise.
//
// Under MPI with N > 1 ranks, rank 0 only dispatches: it hands the next county of `order` to
// whichever rank asks, one at a time (dynamic: a rank that finishes early gets more; with the
// largest inputs first the longest counties do not end the run alone), and gathers each outcome
// (a JSON text of a few KB). Every other rank asks, runs what it is given, sends the outcome
// back and asks again, until rank 0 says stop. With N = 1, or without MPI, the caller's process
// runs every county itself, in the same order.
//
// MPI is initialised only here (MPI_THREAD_FUNNELED: TBB's workers never call MPI), so the
// other commands never touch it. A rank that dies ends the MPI job (MPI's rule); a county's scan
// runs in a process of its own (county_process.hpp), so a scan that dies does not. What
// finished before is on disk, and --resume re-runs the rest.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

namespace panhuo::cli::batch {

// The processes of this run. MPI is finalised when the World goes away.
class World {
 public:
  World();  // initialises MPI when started by an MPI launcher and built with MPI
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool mpi() const { return mpi_; }
  // The largest `value` of all processes (every process must call it); `value` without MPI.
  int MaxOverRanks(int value) const;

 private:
  int rank_ = 0, size_ = 1;
  bool mpi_ = false;
};

using WorkFn = std::function<nlohmann::json(size_t index)>;
using ResultFn = std::function<void(size_t index, const nlohmann::json& outcome)>;

// Runs work(i) for each i of `order` somewhere in the world. On rank 0 returns the outcomes by
// index (size `count`) after calling on_result(i, outcome) as each arrives; elsewhere returns
// an empty vector.
std::vector<nlohmann::json> Distribute(const World& world, const std::vector<size_t>& order, size_t count,
                                       const WorkFn& work, const ResultFn& on_result);

}  // namespace panhuo::cli::batch
