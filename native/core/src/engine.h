#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "legate/core_abi.h"
#include "rect.h"
#include "storage.h"
#include "thread_pool.h"

namespace legate {

// kWriteUnbound: an output whose size each point task decides (see create_output_buffer).
enum Privilege : int32_t { kRead = 1, kWrite = 2, kReadWrite = 3, kReduce = 4, kWriteUnbound = 5 };

// A failed task's error, shared by everything it poisons.
struct TaskError {
  std::string message;
  std::string task;
  uint64_t launch = 0;
};

// How one view dimension of an argument is split across the launch's points. Piece of point p:
// [offset + p[color_dim] * tile - low, offset + (p[color_dim] + 1) * tile + high), clipped to the
// extent; color_dim < 0 means the whole extent (broadcast).
struct DimPartition {
  int32_t color_dim = -1;
  int64_t tile = 0;
  int64_t offset = 0;
  int64_t low = 0;
  int64_t high = 0;
};

struct ArgumentDesc {
  int32_t privilege = kRead;
  int32_t redop = LEGATE_REDOP_NONE;
  std::shared_ptr<Storage> storage;
  int32_t ndim = 0;                        // view dimensions
  int64_t shape[LEGATE_MAX_DIM] = {};      // view extents
  int64_t offset[LEGATE_MAX_DIM] = {};     // storage coordinates of the view's origin
  int64_t matrix[LEGATE_MAX_DIM][LEGATE_MAX_DIM] = {};  // [storage dim][view dim]
  // The map addresses the storage's elements by their C-order linear index (one storage
  // dimension, whatever the storage's): a reshape that merges dimensions, as NumPy's view.
  bool flat = false;
  DimPartition partition[LEGATE_MAX_DIM];
  // When not empty, the piece of each point (C order of the launch grid), instead of a tiling:
  // what an image constraint computes from another store's values.
  std::vector<Rect> pieces;
};

struct LaunchDesc {
  int32_t library = 0;
  int32_t task = 0;
  int32_t ndim = 0;  // the launch grid: one point task per point
  int64_t shape[LEGATE_MAX_DIM] = {};
  std::vector<ArgumentDesc> arguments;
  std::vector<std::vector<char>> scalars;
};

struct Counters {
  std::atomic<uint64_t> launches{0};
  std::atomic<uint64_t> point_tasks{0};
  std::atomic<uint64_t> inline_tasks{0};
  std::atomic<uint64_t> folds{0};
  std::atomic<uint64_t> failed_tasks{0};
  std::atomic<uint64_t> copies{0};
  std::atomic<uint64_t> throttled{0};  // times issuing waited for the window to drain
  std::atomic<uint64_t> bytes_copied{0};
  // Between ranks: messages, and the bytes of values they carried (headers not counted).
  std::atomic<uint64_t> messages_sent{0};
  std::atomic<uint64_t> messages_received{0};
  std::atomic<uint64_t> bytes_sent{0};
  std::atomic<uint64_t> bytes_received{0};
  // Fusion: launches held and merged into fused tasks, the fused tasks issued, and the
  // temporaries they never allocated (with their bytes).
  std::atomic<uint64_t> fused_launches{0};
  std::atomic<uint64_t> fused_tasks{0};
  std::atomic<uint64_t> elided_temporaries{0};
  std::atomic<uint64_t> elided_bytes{0};
  // Of those, the ones still referenced that were needed after all and computed then.
  std::atomic<uint64_t> materialized{0};
  // Storages copied before a write because several speculations read them.
  std::atomic<uint64_t> copied_on_write{0};
  // Bytes of the elements point tasks were given to read and write (each input's and output's
  // piece once; a fused task's temporaries are not memory): the traffic a task-at-a-time
  // execution moves, to set against what a fused form needs.
  std::atomic<uint64_t> bytes_accessed{0};
};

class Node;
class PointTask;
struct LaunchState;

// A point task's access to one argument's rectangle in a memory, planned before it is noted.
struct PlannedAccess {
  PointTask* task;
  size_t argument;
  Rect rect;
  size_t memory;
  bool all_ranks = false;  // a replicated task: the same access on every rank, each in its own memory
};

// What a message from another rank brought for a copy: the bytes (a header, then the values),
// and the node that completes when they are in.
struct Staged {
  std::vector<char> bytes;
  size_t received = 0;
  std::shared_ptr<Node> arrived;
};

// A copy of a storage rectangle between two memories, done before a task runs. Memories are
// global: rank * (memories per rank) + the memory's index on its rank. A copy between ranks is
// a message under `tag`: the source rank sends it when the task (or its stand-in there) runs,
// the destination rank receives it into `staged` and unpacks it then.
struct CopyOp {
  std::shared_ptr<Storage> storage;
  Rect rect;
  size_t from = 0;
  size_t to = 0;
  int tag = -1;
  std::shared_ptr<Staged> staged;
};

// shared: every processor works in the host memory (one process on CPUs: nothing is copied).
// separate: each CPU processor has its own memory, as GPUs and ranks do, so the runtime copies
// what a task lacks (halos) between them.
enum class MemoryMode : int32_t { kShared = 0, kSeparate = 1 };

struct TaskVariant {
  std::string name;
  legate_task_fn cpu = nullptr;
  // A TypeScript-defined task: its point tasks run on the JavaScript thread, through js_runner.
  bool js = false;
  int64_t key = -1;  // (library << 32) | task id
  // Declared elementwise (legate_core_api.declare_elementwise): every output element depends
  // only on the inputs' elements at the same position, so the task may run on any block of a
  // piece, and consecutive launches of such tasks may be fused into one pass.
  bool elementwise = false;
};

// Runs a TypeScript task's body for one point task; fails the task by throwing.
using JsRunner = std::function<void(legate_task_context*)>;

// Fusion holds at most this many elementwise launches before merging and issuing them, and
// merges at most kMaxFusedOps of them into one task.
constexpr size_t kMaxHeldLaunches = 48;
constexpr size_t kMaxFusedOps = 32;

// An elementwise launch held for fusion: issued (it has its id) but not yet made into tasks.
struct HeldLaunch {
  LaunchDesc desc;
  const TaskVariant* variant = nullptr;
  uint64_t id = 0;
};

// A storage a fused task did not write although JavaScript still holds it (see issue_group):
// the launch that computes it, issued when something needs it, and the storages that launch
// reads (a write to one issues it first).
struct Speculation {
  std::shared_ptr<Storage> target;
  std::vector<std::shared_ptr<Storage>> inputs;
  LaunchDesc desc;
  const TaskVariant* variant = nullptr;
  uint64_t oldest = 0;  // its first operation's launch (oldest_pending() counts it)
};
constexpr size_t kMaxSpeculations = 64;

// The window's defaults: a loop that never waits keeps at most this much issued ahead.
constexpr int64_t kDefaultWindowLaunches = 512;
constexpr int64_t kDefaultWindowBytes = int64_t{32} << 20;

// Deferred execution: a launch becomes point tasks, each waiting only for earlier point tasks
// whose storage rectangles overlap its own with a conflicting privilege.
class Engine {
 public:
  Engine(unsigned threads, int64_t inline_limit);
  ~Engine();

  int32_t register_task(int32_t library, int32_t task_id, const char* name, legate_task_fn cpu);
  int32_t register_js_task(int32_t library, int32_t task_id, const char* name);
  // Marks a registered C task elementwise (see TaskVariant::elementwise); -1 when unknown.
  int32_t declare_elementwise(int32_t library, int32_t task_id);

  // Fusion (DESIGN §5): elementwise launches big enough for tasks are held, up to
  // kMaxHeldLaunches, and issued at the next launch that is not, the next wait or host access
  // (every binding but a few flushes first), or on the next turn of the event loop. Runs of
  // them whose arguments are aligned (the same launch grid and pieces) and free of hazards
  // (no storage written through one view and touched through another that overlaps it) become
  // one task that runs the whole run per block of elements, in cache. A storage the run writes
  // that JavaScript has released and nothing after the run uses is never allocated. Issuing
  // thread only.
  // `keep`: the newest held launches that may stay held (whole runs from the oldest go).
  void flush_held(size_t keep = 0);
  bool holding() const { return !held_.empty(); }
  void set_fusion(bool on);
  bool fusion() const { return fusion_; }
  // Speculations (Speculation): before `desc` is launched, or JavaScript reads (or writes)
  // `storage`, what it needs is computed; a released storage's speculation is dropped.
  void settle(const LaunchDesc& desc);
  // Whether it issued anything. settle_host() also waits for what it issued on `rect`.
  bool settle_storage(const Storage& storage, bool write);
  void settle_host(const std::shared_ptr<Storage>& storage, const Rect& rect, bool write);
  void forget(const Storage& storage);
  // Computes every speculation now (a fence: all the work issued so far runs).
  void settle_all();
  // A copy of `source` (the runtime's own storage), issued as a launch.
  std::shared_ptr<Storage> copy_of(const std::shared_ptr<Storage>& source);

  // Point tasks of TypeScript tasks wait here for the JavaScript thread. `signal` is called
  // (from any thread) when one becomes ready, so the event loop can run it.
  void set_js_signal(std::function<void()> signal);
  // Runs the ready TypeScript point tasks on the calling (JavaScript) thread; returns how many.
  size_t run_js_tasks(const JsRunner& runner);
  // wait_for() that also runs TypeScript point tasks meanwhile (the JavaScript thread only).
  void wait_for_running_js(const std::vector<std::shared_ptr<Node>>& nodes, const JsRunner& runner);
  void fence_running_js(const JsRunner& runner);
  // The window: how far issuing may run ahead of execution, in launches not yet finished and
  // bytes they write. throttle() (the issuing thread, after a launch) waits, running TypeScript
  // tasks meanwhile, until half the window has drained when either bound is exceeded.
  void set_window(int64_t launches, int64_t bytes);
  bool window_full() const { return over_window(false); }
  void throttle(const JsRunner& runner);
  const TaskVariant* find_task(int32_t library, int32_t task_id) const;

  // Issues a launch and returns its id at once. Throws std::invalid_argument on a bad descriptor.
  // `settled` (when given) tells whether every node ran inline, on this thread, without failing.
  // A launch that runs at once leaves `desc` as it was, for its caller to reuse; otherwise it is moved from.
  uint64_t launch(LaunchDesc&& desc, bool* settled = nullptr);
  // Blocks until every issued access to `rect` of `storage` has completed; returns the error of
  // a failed task that left part of it invalid, or null.
  std::shared_ptr<TaskError> wait(const std::shared_ptr<Storage>& storage, const Rect& rect);
  // The two halves of wait(), for waiting off the issuing thread: pending() reads the
  // storage's history (issuing thread only); wait_for() and poison_of() may run anywhere.
  std::vector<std::shared_ptr<Node>> pending(const Storage& storage, const Rect& rect) const;
  void wait_for(const std::vector<std::shared_ptr<Node>>& nodes);
  std::shared_ptr<TaskError> poison_of(Storage& storage, const Rect& rect) const;
  // Blocks until everything issued so far has completed (errors stay with their stores).
  void fence();
  // The oldest launch that may still be running (ids below it have all completed).
  uint64_t oldest_pending() const;
  // Launches with a failed task, newest last (the last 1024), and how many there were in all.
  std::vector<uint64_t> failed_launches() const;
  uint64_t failed_launch_count() const { return failed_launch_count_.load(std::memory_order_acquire); }
  void record_failed_launch(uint64_t id);

  const Counters& counters() const { return counters_; }

  void set_memory_mode(MemoryMode mode) { memory_mode_.store(mode, std::memory_order_release); }
  MemoryMode memory_mode() const { return memory_mode_.load(std::memory_order_acquire); }

  // Ranks (control replication): every rank issues the same launches; a launch's points go to
  // ranks in contiguous blocks, and a launch of one point (or one with unbound outputs) runs
  // whole on every rank. The bookkeeping of every rank's memories is kept on every rank alike,
  // so both ends of a copy between ranks derive it from the same plan.
  int rank() const { return rank_; }
  int ranks() const { return ranks_; }
  size_t local_memories() const { return 1 + pool_.size(); }
  size_t memories() const { return static_cast<size_t>(ranks_) * local_memories(); }
  size_t global_memory(int rank, size_t local) const { return static_cast<size_t>(rank) * local_memories() + local; }
  int rank_of_memory(size_t m) const { return static_cast<int>(m / local_memories()); }
  size_t local_of_memory(size_t m) const { return m % local_memories(); }
  // The rank that runs point `point` of a launch of `points` (not replicated).
  int owner_of(size_t point, size_t points) const {
    return static_cast<int>(static_cast<uint64_t>(point) * static_cast<uint64_t>(ranks_) / static_cast<uint64_t>(points));
  }
  // The memory (global) point task `point` of `points` works in.
  size_t memory_of(size_t point, size_t points, bool replicated) const;
  // Coherence, on the issuing thread: the copies that make `rect` valid in memory `m`, and the
  // bookkeeping of a write of `rect` in `m` (newest there, stale everywhere else).
  // `reader` (null for the host's synchronous reads) runs `copies` and waits for earlier copies
  // into memory m that it relies on.
  // `all_ranks`: the read (or write) of a replicated task, into memory `m`'s counterpart on every
  // rank. Copies between ranks are given tags and receives here (see route()).
  void plan_read(const std::shared_ptr<Storage>& storage, const Rect& rect, size_t m, std::vector<CopyOp>& copies,
                 const std::shared_ptr<Node>& reader, bool all_ranks = false);
  void note_write(Storage& storage, const Rect& rect, size_t m, bool all_ranks = false);
  // Makes `rect` valid in the host memory now, for a read (or a write) from JavaScript. Under
  // ranks every rank calls it alike and each gets the whole rectangle.
  void acquire_host(const std::shared_ptr<Storage>& storage, const Rect& rect, bool write);
  // Makes the host instance hold the rows of `rect`, for JavaScript to read or write them.
  void ensure_host(const std::shared_ptr<Storage>& storage, const Rect& rect);
  // Runs the copies of a task on this rank: sends what other ranks lack from here, then the
  // copies within this rank and the unpacking of what came from others.
  void run_copies(const std::vector<CopyOp>& copies);
  void send_copies(const std::vector<CopyOp>& copies);
  // Sends `bytes` of values (written by fill(destination)) to `peer` under `tag`, after the
  // header; a failure's error instead of the values.
  template <typename Fill>
  void send_values(int peer, int tag, const std::shared_ptr<TaskError>& error, size_t bytes, Fill&& fill);
  // Runs a ready node (its sends, then, once its messages are in, `body` or its execute());
  // false when it waits for messages: the last one to come in submits it again.
  bool run_node(const std::shared_ptr<Node>& node, const std::function<void()>& body = {});
  // The next tag of the messages from rank `from` to rank `to` (the same count on every rank).
  int next_tag(int from, int to);
  // Under ranks every wait gives every rank the same failure: each rank sends the others what it
  // found (tags taken on the issuing thread, at the wait), and all take the lowest rank's. An
  // empty agreement (one rank, or inside a task body) passes the local failure through.
  struct Agreement {
    std::vector<int> send_tags, recv_tags;  // [rank]
  };
  Agreement begin_agreement();
  std::shared_ptr<TaskError> agree(const Agreement& agreement, std::shared_ptr<TaskError> mine);
  // When memory runs out: waits for the work issued so far (it may hold what is needed, and
  // finished work frees what nothing else holds), then returns every cached block to the
  // system. `hook` (set by the bindings) waits while running TypeScript tasks; inside a
  // TypeScript task it cannot wait for its own launch, so it only trims.
  void set_reclaim_hook(std::function<void()> hook);
  // What throttle() runs TypeScript tasks with where no binding hands it a runner (a flush of
  // held launches, which keeps to the window as launches do).
  void set_js_runner(JsRunner runner) { js_runner_ = std::move(runner); }
  // That runner, or one that refuses (no TypeScript task can be pending without one).
  JsRunner js_runner_or_refusal() const;
  void reclaim();
  unsigned threads() const { return pool_.size(); }
  void set_inline_limit(int64_t elements) { inline_limit_ = elements; }

  // Called by worker threads.
  // Marks `node` done and releases its successors; `run_here`, when one of them becomes ready,
  // runs on this thread (a small launch's fold) instead of the pool. Returns whether it ran.
  bool complete(const std::shared_ptr<Node>& node, const Node* run_here = nullptr);
  void submit(const std::shared_ptr<Node>& node);

 private:
  void make_point_tasks(const std::shared_ptr<LaunchState>& state,
                        const std::vector<std::array<int64_t, LEGATE_MAX_DIM>>& strides,
                        const std::vector<int64_t>& origins, std::vector<std::shared_ptr<PointTask>>& tasks,
                        std::vector<PlannedAccess>& reads, std::vector<PlannedAccess>& writes, int64_t& volume_total);
  bool run_immediate(LaunchDesc& desc, const TaskVariant* variant, uint64_t& id, bool* settled);
  // The general path of a launch whose descriptor was checked; `id` 0 takes the next one.
  uint64_t launch_tasks(LaunchDesc&& desc, const TaskVariant* variant, uint64_t id, bool* settled);
  bool may_hold(const LaunchDesc& desc, const TaskVariant& variant, int64_t points) const;
  // Issues held launches [first, last) as one fused task (or the launch itself, when alone).
  void issue_group(std::vector<HeldLaunch>& held, size_t first, size_t last);
  LaunchDesc fused_launch(const std::vector<HeldLaunch>& held, const std::vector<size_t>& ops,
                          const std::vector<std::shared_ptr<Storage>>& temps, const TaskVariant*& variant, bool always) const;
  // Marks what held launches [first, last) write invalid with `error` (a flush that failed).
  void fail_group(std::vector<HeldLaunch>& held, size_t first, size_t last, const std::string& error);
  void verify_replicated(const LaunchDesc& desc, const TaskVariant& variant);
  // Makes memory m's instance of `storage` hold the rows of `rect` (all rows for a reduction,
  // `identity` its operator: a fresh one starts at its identity). Growing an instance waits for
  // the work issued on the storage, unless `may_wait` is false: then it returns false instead.
  bool hold_rows(const std::shared_ptr<Storage>& storage, size_t m, const Rect& rect, int32_t identity, bool may_wait);
  // Before a launch's point tasks take pointers: every instance its tasks here use holds their rows.
  void hold(const LaunchState& state);
  void plan_read_one(const std::shared_ptr<Storage>& storage, const Rect& rect, size_t m, std::vector<CopyOp>& copies,
                     const std::shared_ptr<Node>& reader, std::vector<std::pair<size_t, ValidRect>>* gained_out);
  // Keeps the copies from `first` on that concern this rank: tags every copy between ranks,
  // posts the receives of those into this rank (`reader` waits for them), drops the rest.
  void route(std::vector<CopyOp>& copies, size_t first, const std::shared_ptr<Node>& reader);
  // Counts a message `reader` needs before it runs (not before it sends), and calls
  // post(arrived) to post its receive; arrived() (on the communication thread, after the
  // bytes are in) resumes the reader when it was the last.
  template <typename Post>
  void expect(const std::shared_ptr<Node>& reader, Post&& post);
  // Whether every rank's host memory holds `rect`, or this rank's can get it without a message.
  bool host_ready_everywhere(const Storage& storage, const Rect& rect) const;
  // Adds one launch argument's accesses (one per node) to the storage's history, making each
  // node wait for the earlier conflicting ones.
  void track(Storage& storage, uint64_t launch, int32_t privilege, int32_t redop,
             std::vector<std::pair<Rect, std::shared_ptr<Node>>> accesses);

  ThreadPool pool_;
  int rank_ = 0;
  int ranks_ = 1;
  std::vector<uint64_t> message_seq_;  // [from * ranks + to]
  std::atomic<int64_t> inline_limit_;
  std::atomic<MemoryMode> memory_mode_{MemoryMode::kShared};
  bool fusion_ = true;
  JsRunner js_runner_;
  std::vector<HeldLaunch> held_;
  std::vector<Speculation> speculative_;
  const std::vector<HeldLaunch>* flushing_ = nullptr;  // the launches a flush under way holds
  TaskVariant fused_variant_;
  TaskVariant copy_variant_;
  Counters counters_;
  std::unordered_map<int64_t, TaskVariant> tasks_;  // (library << 32 | task) -> variant
  mutable std::mutex tasks_mutex_;
  mutable std::atomic<const TaskVariant*> last_found_{nullptr};
  uint64_t next_launch_ = 1;
  // Launch ids still running, for oldest_pending().
  bool over_window(bool resuming) const;

  mutable std::mutex pending_mutex_;
  std::vector<uint64_t> pending_;
  int64_t pending_bytes_ = 0;
  std::atomic<int64_t> window_launches_{kDefaultWindowLaunches};
  std::atomic<int64_t> window_bytes_{kDefaultWindowBytes};
  std::mutex done_mutex_;
  std::condition_variable done_cv_;
  std::mutex js_mutex_;
  std::vector<std::shared_ptr<Node>> js_ready_;
  std::function<void()> js_signal_;
  std::function<void()> reclaim_hook_;
  mutable std::mutex failed_mutex_;
  std::vector<uint64_t> failed_launches_;
  std::atomic<uint64_t> failed_launch_count_{0};

  friend class PointTask;
  friend class FoldNode;
};

Engine& engine();

// Called by tasks through the C ABI.
void task_fail(legate_task_context* context, const char* message);
void* create_output_buffer(legate_task_context* context, int32_t output, int64_t count);
// The (library, task id) a running point task belongs to.
std::pair<int32_t, int32_t> task_of(const legate_task_context* context);
size_t itemsize_of_code(int32_t type_code);

}  // namespace legate
