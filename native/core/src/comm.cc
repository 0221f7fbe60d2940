#include "comm.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "legate_build_features.h"

#if LEGATE_HAVE_MPI
#include <mpi.h>
#endif

namespace legate {

namespace {

int env_int(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return -1;
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  return end != text && *end == '\0' && v >= 0 ? static_cast<int>(v) : -1;
}

}  // namespace

std::pair<int, int> launcher_rank_and_size() {
  // Open MPI, then the PMI of MPICH's and Slurm's launchers.
  for (auto [rank, size] : {std::pair{"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"}, std::pair{"PMI_RANK", "PMI_SIZE"},
                            std::pair{"PMIX_RANK", "PMIX_SIZE"}}) {
    int s = env_int(size);
    if (s > 0) return {std::max(0, env_int(rank)), s};
  }
  return {-1, 0};
}

Comm& Comm::instance() {
  static Comm comm;
  return comm;
}

#if LEGATE_HAVE_MPI

struct Comm::Impl {
  struct Op {
    bool is_send = false;
    bool is_barrier = false;
    bool is_check = false;
    bool any_size = false;  // a receive whose size comes with the message (probed, then received)
    std::function<void(std::vector<char>)> done_any;
    uint64_t check[2] = {0, 0};  // (hash, ~hash), reduced with MAX: equal everywhere iff unchanged
    int peer = 0;
    int tag = 0;
    std::vector<char> buffer;  // a send's bytes
    char* into = nullptr;      // a receive's destination
    size_t capacity = 0;
    std::function<void(size_t)> done;
  };

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::unique_ptr<Op>> incoming;
  bool stop = false;
  bool ready = false;
  std::string init_error;
  std::thread thread;

  void loop(Comm* comm) {
    int provided = 0;
    if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS) {
      std::lock_guard<std::mutex> lock(mutex);
      init_error = "MPI_Init_thread failed";
      ready = true;
      wake.notify_all();
      return;
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
    MPI_Comm_rank(MPI_COMM_WORLD, &comm->rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &comm->size_);
    void* ub = nullptr;
    int flag = 0;
    MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &ub, &flag);
    if (flag && ub != nullptr) comm->max_tag_ = *static_cast<int*>(ub);
    {
      std::lock_guard<std::mutex> lock(mutex);
      ready = true;
    }
    wake.notify_all();

    std::vector<std::unique_ptr<Op>> active;
    std::vector<std::unique_ptr<Op>> probing;  // receives of any size, not yet matched
    std::vector<MPI_Request> requests;
    std::vector<int> indices;
    std::vector<MPI_Status> statuses;
    int idle_polls = 0;
    for (;;) {
      std::deque<std::unique_ptr<Op>> fresh;
      {
        std::unique_lock<std::mutex> lock(mutex);
        if (active.empty() && probing.empty()) wake.wait(lock, [&] { return stop || !incoming.empty(); });
        if (stop && incoming.empty() && active.empty() && probing.empty()) break;
        fresh.swap(incoming);
      }
      if (!fresh.empty()) idle_polls = 0;
      bool progress = false;
      for (auto& op : fresh) {
        if (op->any_size) {
          probing.push_back(std::move(op));
          continue;
        }
        MPI_Request request = MPI_REQUEST_NULL;
        if (op->is_check) {
          MPI_Iallreduce(MPI_IN_PLACE, op->check, 2, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD, &request);
        } else if (op->is_barrier) {
          MPI_Ibarrier(MPI_COMM_WORLD, &request);
        } else if (op->is_send) {
          MPI_Isend(op->buffer.data(), static_cast<int>(op->buffer.size()), MPI_BYTE, op->peer, op->tag, MPI_COMM_WORLD, &request);
        } else {
          MPI_Irecv(op->into, static_cast<int>(op->capacity), MPI_BYTE, op->peer, op->tag, MPI_COMM_WORLD, &request);
        }
        active.push_back(std::move(op));
        requests.push_back(request);
      }
      // Receives of any size: matched by a probe, then received whole.
      for (size_t i = 0; i < probing.size();) {
        int flag = 0;
        MPI_Message message;
        MPI_Status status;
        MPI_Improbe(probing[i]->peer, probing[i]->tag, MPI_COMM_WORLD, &flag, &message, &status);
        if (!flag) {
          ++i;
          continue;
        }
        int n = 0;
        MPI_Get_count(&status, MPI_BYTE, &n);
        std::vector<char> bytes(static_cast<size_t>(n));
        MPI_Mrecv(bytes.data(), n, MPI_BYTE, &message, MPI_STATUS_IGNORE);
        probing[i]->done_any(std::move(bytes));
        probing.erase(probing.begin() + static_cast<std::ptrdiff_t>(i));
        progress = true;
      }
      int count = 0;
      if (!active.empty()) {
        indices.resize(active.size());
        statuses.resize(active.size());
        MPI_Testsome(static_cast<int>(active.size()), requests.data(), &count, indices.data(), statuses.data());
        if (count == MPI_UNDEFINED) count = 0;
      }
      if (count == 0) {
        if (progress) {
          idle_polls = 0;
          continue;
        }
        // Nothing arrived: yield a while, then nap, longer the longer nothing comes (receives are
        // posted ahead of need, and the ranks' workers share the cores with this thread).
        ++idle_polls;
        if (idle_polls < 20) std::this_thread::yield();
        else std::this_thread::sleep_for(std::chrono::microseconds(std::min(100, 5 * (idle_polls - 19))));
        continue;
      }
      idle_polls = 0;
      std::vector<bool> finished(active.size(), false);
      for (int k = 0; k < count; ++k) {
        const int i = indices[static_cast<size_t>(k)];
        finished[static_cast<size_t>(i)] = true;
        Op& op = *active[static_cast<size_t>(i)];
        size_t bytes = 0;
        if (!op.is_send && !op.is_barrier && !op.is_check) {
          int n = 0;
          MPI_Get_count(&statuses[static_cast<size_t>(k)], MPI_BYTE, &n);
          bytes = static_cast<size_t>(n);
        }
        if (op.done) op.done(bytes);
      }
      size_t w = 0;
      for (size_t i = 0; i < active.size(); ++i) {
        if (finished[i]) continue;
        active[w] = std::move(active[i]);
        requests[w] = requests[i];
        ++w;
      }
      active.resize(w);
      requests.resize(w);
    }
    MPI_Finalize();
  }

  void post(std::unique_ptr<Op> op) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      incoming.push_back(std::move(op));
    }
    wake.notify_all();
  }
};

void Comm::start() {
  if (!failure_.empty()) throw RanksError(failure_);  // every later use fails alike
  if (started_) return;
  started_ = true;
  if (launcher_rank_and_size().second <= 0) return;
  launched_ = true;
  impl_ = new Impl();
  impl_->thread = std::thread([this] { impl_->loop(this); });
  std::unique_lock<std::mutex> lock(impl_->mutex);
  impl_->wake.wait(lock, [&] { return impl_->ready; });
  if (!impl_->init_error.empty()) {
    lock.unlock();
    impl_->thread.join();
    failure_ = impl_->init_error;
    delete impl_;
    impl_ = nullptr;
    throw RanksError(failure_);
  }
}

void Comm::send(int peer, int tag, std::vector<char> data) {
  if (impl_ == nullptr) throw std::logic_error("ranks: send without MPI");
  auto op = std::make_unique<Impl::Op>();
  op->is_send = true;
  op->peer = peer;
  op->tag = tag;
  op->buffer = std::move(data);
  impl_->post(std::move(op));
}

void Comm::recv(int peer, int tag, char* into, size_t capacity, std::function<void(size_t)> done) {
  if (impl_ == nullptr) throw std::logic_error("ranks: receive without MPI");
  auto op = std::make_unique<Impl::Op>();
  op->peer = peer;
  op->tag = tag;
  op->into = into;
  op->capacity = capacity;
  op->done = std::move(done);
  impl_->post(std::move(op));
}

void Comm::recv_any(int peer, int tag, std::function<void(std::vector<char>)> done) {
  if (impl_ == nullptr) throw std::logic_error("ranks: receive without MPI");
  auto op = std::make_unique<Impl::Op>();
  op->any_size = true;
  op->peer = peer;
  op->tag = tag;
  op->done_any = std::move(done);
  impl_->post(std::move(op));
}

void Comm::barrier() {
  if (impl_ == nullptr) return;
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  auto op = std::make_unique<Impl::Op>();
  op->is_barrier = true;
  op->done = [&](size_t) {
    std::lock_guard<std::mutex> lock(m);
    finished = true;
    cv.notify_all();
  };
  impl_->post(std::move(op));
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [&] { return finished; });
}

bool Comm::same_everywhere(uint64_t hash) {
  if (impl_ == nullptr) return true;
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  auto op = std::make_unique<Impl::Op>();
  op->is_check = true;
  op->check[0] = hash;
  op->check[1] = ~hash;
  Impl::Op* raw = op.get();
  bool same = false;
  op->done = [&, raw, hash](size_t) {
    std::lock_guard<std::mutex> lock(m);
    same = raw->check[0] == hash && raw->check[1] == ~hash;
    finished = true;
    cv.notify_all();
  };
  impl_->post(std::move(op));
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [&] { return finished; });
  return same;
}

void Comm::shutdown(int exit_code) {
  if (impl_ == nullptr || !impl_->thread.joinable()) return;
  if (exit_code != 0) {
    // The other ranks would wait forever for this one. Node prints the error after its exit
    // handlers (this runs in one), and a process that ends without leaving MPI makes the launcher
    // end the job; should this one linger instead, it ends the job itself.
    std::thread([exit_code] {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      MPI_Abort(MPI_COMM_WORLD, exit_code);
    }).detach();
    return;
  }
  barrier();
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->wake.notify_all();
  impl_->thread.join();
}


#else  // no MPI in this build

struct Comm::Impl {};

void Comm::start() {
  if (!failure_.empty()) throw RanksError(failure_);  // every later use fails alike
  if (started_) return;
  started_ = true;
  auto [rank, size] = launcher_rank_and_size();
  if (size <= 0) return;
  launched_ = true;
  if (size > 1) {
    failure_ = ("started as rank " + std::to_string(rank) + " of " + std::to_string(size) +
                     " by an MPI launcher, but this build of @legate/core has no MPI (install libopenmpi-dev and rebuild)");
    throw RanksError(failure_);
  }
}
void Comm::send(int, int, std::vector<char>) { throw std::logic_error("ranks: this build has no MPI"); }
void Comm::recv(int, int, char*, size_t, std::function<void(size_t)>) { throw std::logic_error("ranks: this build has no MPI"); }
void Comm::recv_any(int, int, std::function<void(std::vector<char>)>) { throw std::logic_error("ranks: this build has no MPI"); }
void Comm::barrier() {}
bool Comm::same_everywhere(uint64_t) { return true; }
void Comm::shutdown(int) {}

#endif

}  // namespace legate
