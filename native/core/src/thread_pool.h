#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace legate {

// CPU workers that run ready point tasks. A worker spins briefly before it sleeps: waking a
// sleeping thread costs ~100 us here, a hot spin round trip ~0.1 us.
class ThreadPool {
 public:
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void submit(std::function<void()> job);
  // Runs what is queued, then joins the workers. Idempotent.
  void shutdown();
  unsigned size() const { return static_cast<unsigned>(workers_.size()); }

 private:
  void run();
  bool try_pop(std::function<void()>& job);

  std::vector<std::thread> workers_;
  std::deque<std::function<void()>> queue_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::atomic<int64_t> queued_{0};
  std::atomic<int> sleeping_{0};
  bool stop_ = false;
};

}  // namespace legate
