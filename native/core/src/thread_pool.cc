#include "thread_pool.h"

#include <chrono>

namespace legate {

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) workers_.emplace_back([this] { run(); });
}

ThreadPool::~ThreadPool() { shutdown(); }

void ThreadPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return;
    stop_ = true;
  }
  ready_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::submit(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(job));
    queued_.fetch_add(1, std::memory_order_release);
  }
  if (sleeping_.load(std::memory_order_acquire) > 0) ready_.notify_one();
}

bool ThreadPool::try_pop(std::function<void()>& job) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (queue_.empty()) return false;
  job = std::move(queue_.front());
  queue_.pop_front();
  queued_.fetch_sub(1, std::memory_order_relaxed);
  return true;
}

void ThreadPool::run() {
  std::function<void()> job;
  for (;;) {
    if (try_pop(job)) {
      job();
      job = nullptr;
      continue;
    }
    // Spin for a short while: the next launch usually follows within microseconds.
    auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(100);
    bool found = false;
    while (std::chrono::steady_clock::now() < until) {
      if (queued_.load(std::memory_order_acquire) > 0) {
        found = true;
        break;
      }
      std::this_thread::yield();
    }
    if (found) continue;
    std::unique_lock<std::mutex> lock(mutex_);
    sleeping_.fetch_add(1, std::memory_order_acq_rel);
    ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    sleeping_.fetch_sub(1, std::memory_order_acq_rel);
    if (stop_ && queue_.empty()) return;
  }
}

}  // namespace legate
