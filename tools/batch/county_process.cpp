#include "county_process.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "panhuo/sinks/writer.hpp"

namespace panhuo::cli::batch {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The arguments this process was started with (argv, as the kernel keeps it).
std::vector<std::string> OwnArguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::vector<std::string> args;
  for (std::string arg; std::getline(in, arg, '\0');) args.push_back(arg);
  return args;
}

// Starts this executable with `args`; the child gets SIGTERM when this process ends. -1 on failure.
pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // the child: only async-signal-safe calls until exec
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(127);  // the parent is already gone
  execv("/proc/self/exe", argv.data());
  _exit(127);
}

// How a child ended, in words: "exit status 2", "killed by signal 9 (Killed)".
std::string Ending(int status) {
  if (WIFSIGNALED(status))
    return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  return "exit status " + std::to_string(WEXITSTATUS(status));
}

json ReadOutcome(const std::string& path) {
  std::ifstream in(path);
  json outcome = json::parse(in, nullptr, false);
  return outcome.is_object() && outcome.contains("status") ? outcome : json();
}

json Died(const CountyJob& job, const RunSettings& s, int rank, const std::string& how, double seconds) {
  std::error_code ec;
  for (const auto& partial : PartialOutputFiles(CountyOutput(s.outdir, job.code))) fs::remove(partial, ec);
  json outcome = NewOutcome(job, rank);
  outcome["message"] = CountyMessage(job, "the process scanning it " + how +
                                              " before it completed; its output was not written (run again with --resume)");
  outcome["seconds"] = seconds;
  return outcome;
}

}  // namespace

json RunCountyInProcess(const CountyJob& job, const RunSettings& s, int rank) {
  if (json reused = ReusedOutcome(job, s, rank); !reused.is_null()) return reused;
  const auto t0 = std::chrono::steady_clock::now();
  const std::string outcome_path = (fs::path(s.outdir) / ("." + job.code + ".outcome.json")).string();
  std::error_code ec;
  fs::remove(outcome_path, ec);
  std::vector<std::string> args = OwnArguments();
  for (const std::string& a : {std::string("--county-process"), job.code, std::string("--county-rank"),
                               std::to_string(rank), std::string("--county-outcome"), outcome_path})
    args.push_back(a);
  const pid_t pid = Spawn(args);
  if (pid < 0) return Died(job, s, rank, std::string("could not start: ") + std::strerror(errno), Seconds(t0));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return Died(job, s, rank, std::string("was lost: ") + std::strerror(errno), Seconds(t0));
  json outcome = ReadOutcome(outcome_path);
  fs::remove(outcome_path, ec);
  if (outcome.is_null()) return Died(job, s, rank, "ended (" + Ending(status) + ")", Seconds(t0));
  return outcome;
}

int WriteCountyOutcome(const CountyJob& job, const RunSettings& s, int rank, const std::string& outcome_path) {
  if (const char* kill_on = std::getenv("PANHUO_BATCH_TEST_KILL_COUNTY"); kill_on && job.code == kill_on)
    raise(SIGKILL);  // as the out-of-memory killer or an operator would
  const json outcome = RunCounty(job, s, rank);
  return WriteJsonFile(outcome_path, outcome).ok() ? 0 : 1;
}

}  // namespace panhuo::cli::batch
