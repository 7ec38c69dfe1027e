#include "dispatch.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

#ifdef PANHUO_HAVE_MPI
#include <mpi.h>
#endif

namespace panhuo::cli::batch {
namespace {

using json = nlohmann::json;

std::vector<json> RunHere(const std::vector<size_t>& order, size_t count, const WorkFn& work,
                          const ResultFn& on_result) {
  std::vector<json> out(count);
  for (size_t i : order) {
    out[i] = work(i);
    on_result(i, out[i]);
  }
  return out;
}

#ifdef PANHUO_HAVE_MPI
// Set by mpirun (Open MPI), by PMIx launchers (srun --mpi=pmix, mpirun of Open MPI 4/5) or by
// PMI-1/2 launchers (MPICH's hydra, srun --mpi=pmi2).
bool StartedByLauncher() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

constexpr int kTagAsk = 1;   // worker → rank 0: an outcome ({} at the start), asking for more
constexpr int kTagWork = 2;  // rank 0 → worker: a county index, or -1 for stop

json ReceiveAsk(int& source) {
  MPI_Status st;
  MPI_Probe(MPI_ANY_SOURCE, kTagAsk, MPI_COMM_WORLD, &st);
  int bytes = 0;
  MPI_Get_count(&st, MPI_CHAR, &bytes);
  std::string text(static_cast<size_t>(bytes), '\0');
  MPI_Recv(text.data(), bytes, MPI_CHAR, st.MPI_SOURCE, kTagAsk, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  source = st.MPI_SOURCE;
  return json::parse(text);
}

std::vector<json> Dispatch(const World& world, const std::vector<size_t>& order, size_t count,
                           const ResultFn& on_result) {
  std::vector<json> out(count);
  size_t next = 0;
  for (int stopped = 0; stopped < world.size() - 1;) {
    int source = 0;
    const json ask = ReceiveAsk(source);
    if (ask.contains("index")) {
      const auto i = ask["index"].get<size_t>();
      out[i] = ask["outcome"];
      on_result(i, out[i]);
    }
    const int64_t give = next < order.size() ? static_cast<int64_t>(order[next++]) : -1;
    if (give < 0) ++stopped;
    MPI_Send(&give, 1, MPI_INT64_T, source, kTagWork, MPI_COMM_WORLD);
  }
  return out;
}

void Serve(const WorkFn& work) {
  std::string text = "{}";
  for (;;) {
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kTagAsk, MPI_COMM_WORLD);
    int64_t index = -1;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index < 0) return;
    text = json{{"index", index}, {"outcome", work(static_cast<size_t>(index))}}.dump();
  }
}
#endif

}  // namespace

World::World() {
#ifdef PANHUO_HAVE_MPI
  if (!StartedByLauncher()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  mpi_ = true;
#endif
}

World::~World() {
#ifdef PANHUO_HAVE_MPI
  if (mpi_) MPI_Finalize();
#endif
}

int World::MaxOverRanks(int value) const {
  int all = value;
#ifdef PANHUO_HAVE_MPI
  if (mpi_) MPI_Allreduce(&value, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
#endif
  return all;
}

std::vector<json> Distribute(const World& world, const std::vector<size_t>& order, size_t count,
                             const WorkFn& work, const ResultFn& on_result) {
#ifdef PANHUO_HAVE_MPI
  if (world.mpi() && world.size() > 1) {
    if (world.rank() == 0) return Dispatch(world, order, count, on_result);
    Serve(work);
    return {};
  }
#endif
  return RunHere(order, count, work, on_result);
}

}  // namespace panhuo::cli::batch
