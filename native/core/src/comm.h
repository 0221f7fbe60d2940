#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <stdexcept>

namespace legate {

// The ranks of the job cannot go on together (they diverged, or MPI failed): JavaScript gets
// a RankError.
struct RanksError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The process's place among the ranks of an MPI job, and the one thread that talks to MPI.
//
// Under a launcher (`mpirun`, `legate --ranks`) the process joins MPI when the engine starts;
// without one it is rank 0 of 1 and nothing here does anything. Every MPI call is made by the
// communication thread (MPI_THREAD_SERIALIZED, funneled through it): other threads hand it
// sends and receives, and it runs their completions. Messages are matched by (peer, tag), and
// tags come from per-pair sequence numbers that every rank derives from the same plan.
class Comm {
 public:
  static Comm& instance();

  // Joins MPI when the environment says a launcher started this process (idempotent). Throws
  // RanksError when it did but this build has no MPI, or MPI fails to start.
  void start();
  bool started() const { return started_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Whether the launcher's environment is present (even with one rank).
  bool launched() const { return launched_; }
  int max_tag() const { return max_tag_; }

  // Sends `data` to `peer` under `tag`; the buffer is the communication thread's until sent.
  void send(int peer, int tag, std::vector<char> data);
  // Receives at most `capacity` bytes from `peer` under `tag`; `done(bytes)` runs on the
  // communication thread once they are in `into` (which must stay valid until then).
  void recv(int peer, int tag, char* into, size_t capacity, std::function<void(size_t)> done);
  // Receives a message of any size from `peer` under `tag`; `done(bytes)` runs on the
  // communication thread with its bytes.
  void recv_any(int peer, int tag, std::function<void(std::vector<char>)> done);
  // Every rank waits here for every other (blocking; off the communication thread).
  void barrier();
  // Whether every rank passed the same `hash` here (blocking; a collective, so every rank must
  // call it at the same point of the program: LEGATE_CHECK_REPLICATION's check of each launch).
  bool same_everywhere(uint64_t hash);
  // The end of the job for this rank: a clean exit meets the others and leaves MPI; any other
  // code aborts the whole job, so that no rank waits forever for one that is gone.
  void shutdown(int exit_code);

 private:
  Comm() = default;
  struct Impl;
  Impl* impl_ = nullptr;
  bool started_ = false;
  std::string failure_;  // why joining the job failed: every later start() throws it again
  bool launched_ = false;
  int rank_ = 0;
  int size_ = 1;
  int max_tag_ = 32767;
};

// The rank and job size a launcher's environment gives, before MPI starts (-1, 0 when none).
std::pair<int, int> launcher_rank_and_size();

}  // namespace legate
