#include "engine.h"

#include <array>
#include <complex>
#include <cstdlib>
#include <limits>
#include <cstring>
#include <set>
#include <stdexcept>
#include <type_traits>

#include <unistd.h>

#include "comm.h"
#include "registry.h"
#include "runtime_state.h"

namespace legate {

// Anything the engine schedules: a point task or the fold of a launch's reductions.
class Node : public std::enable_shared_from_this<Node> {
 public:
  virtual ~Node() = default;
  virtual void execute() = 0;
  // Drops references to storages and buffers once done, so finished work holds no memory.
  virtual void release() {}

  std::mutex mutex;
  std::atomic<bool> done{false};
  std::vector<std::shared_ptr<Node>> successors;
  std::atomic<int> pending{1};  // the guard held while dependences are being added
  uint64_t launch_id = 0;       // the point tasks of one launch never wait for each other
  // Under ranks: messages it receives before it runs. Its sends go first, as soon as its
  // dependences are met, never behind its own receives (two ranks may wait on each other so).
  std::atomic<int> receives{0};
  std::atomic<bool> parked{false};
  bool sent = false;  // touched only by the thread that runs it
  virtual void send_phase() {}
};

namespace {
thread_local int js_task_depth = 0;  // TypeScript point tasks running on this thread
}  // namespace

// A message from another rank on its way in: done when its bytes have arrived.
class RecvNode final : public Node {
 public:
  void execute() override {}
};

namespace {

// Every message between ranks starts with this: the error of the task that produced the values
// (when it failed: the values are then meaningless and the receiver's copy is poisoned), then
// the values, packed in C order.
struct MessageHeader {
  int32_t error_bytes = 0;
  int32_t task_bytes = 0;
  uint64_t launch = 0;
};
constexpr size_t kErrorRoom = 1024;  // the most of an error's text a message carries

// A message of `payload` bytes after the header and `error`'s text; returns where the values go.
size_t start_message(std::vector<char>& out, const std::shared_ptr<TaskError>& error, size_t payload) {
  MessageHeader h;
  std::string message, task;
  if (error) {
    message = error->message.substr(0, kErrorRoom / 2);
    task = error->task.substr(0, kErrorRoom / 2);
    h.error_bytes = static_cast<int32_t>(message.size()) + 1;  // never 0 for a failure
    h.task_bytes = static_cast<int32_t>(task.size());
    h.launch = error->launch;
  }
  const size_t at = sizeof(MessageHeader) + (error ? static_cast<size_t>(h.error_bytes + h.task_bytes) : 0);
  out.resize(at + payload);
  std::memcpy(out.data(), &h, sizeof h);
  if (error) {
    std::memcpy(out.data() + sizeof h, message.c_str(), message.size() + 1);
    std::memcpy(out.data() + sizeof h + h.error_bytes, task.data(), task.size());
  }
  return at;
}

// The error a message carries (null when none), and where its values start; a message too
// short for its header, or for the `values` bytes it should carry, is an error of its own.
std::shared_ptr<TaskError> read_message(const char* bytes, size_t received, size_t& values_at, size_t values = 0) {
  MessageHeader h;
  const auto malformed = [](const char* what) { return std::make_shared<TaskError>(TaskError{std::string("ranks: ") + what, "message", 0}); };
  if (received < sizeof h) return malformed("a message too short for its header");
  std::memcpy(&h, bytes, sizeof h);
  if (h.error_bytes < 0 || h.task_bytes < 0) return malformed("a message with a bad header");
  values_at = sizeof h + static_cast<size_t>(h.error_bytes) + static_cast<size_t>(h.task_bytes);
  if (values_at > received) return malformed("a message shorter than its header says");
  if (h.error_bytes == 0) return received - values_at < values ? malformed("a message shorter than its values") : nullptr;
  auto error = std::make_shared<TaskError>();
  error->message.assign(bytes + sizeof h, static_cast<size_t>(h.error_bytes - 1));
  error->task.assign(bytes + sizeof h + h.error_bytes, static_cast<size_t>(h.task_bytes));
  error->launch = h.launch;
  return error;
}

// A reduction's private buffer for one point: the piece, contiguous, starting at the identity.
struct PrivateBuffer {
  char* data = nullptr;
  size_t bytes = 0;
  StridedBlock target;  // where it folds into the storage
};

size_t itemsize_of(int32_t code) {
  static const size_t sizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8, 8, 16};
  if (code < 0 || code > LEGATE_COMPLEX128) throw std::invalid_argument("type code out of range");
  return sizes[code];
}

template <typename T>
struct is_complex : std::false_type {};
template <typename T>
struct is_complex<std::complex<T>> : std::true_type {};

template <typename T>
bool identity_of(int32_t redop, T* out) {
  if constexpr (is_complex<T>::value) {
    if (redop == LEGATE_REDOP_ADD) *out = T(0);
    else if (redop == LEGATE_REDOP_MUL) *out = T(1);
    else return false;
  } else if constexpr (std::is_floating_point<T>::value) {
    switch (redop) {
      case LEGATE_REDOP_ADD: *out = 0; break;
      case LEGATE_REDOP_MUL: *out = 1; break;
      case LEGATE_REDOP_MIN: *out = std::numeric_limits<T>::infinity(); break;
      case LEGATE_REDOP_MAX: *out = -std::numeric_limits<T>::infinity(); break;
      default: return false;
    }
  } else {
    switch (redop) {
      case LEGATE_REDOP_ADD: *out = 0; break;
      case LEGATE_REDOP_MUL: *out = 1; break;
      case LEGATE_REDOP_MIN: *out = std::numeric_limits<T>::max(); break;
      case LEGATE_REDOP_MAX: *out = std::numeric_limits<T>::lowest(); break;
      case LEGATE_REDOP_AND: *out = static_cast<T>(~T(0)); break;
      case LEGATE_REDOP_OR: *out = 0; break;
      case LEGATE_REDOP_XOR: *out = 0; break;
      default: return false;
    }
  }
  return true;
}

template <typename T>
T apply(int32_t redop, T a, T b) {
  if constexpr (is_complex<T>::value) {
    if (redop == LEGATE_REDOP_ADD) return a + b;
    // The plain product, as NumPy's complex multiply (std::complex's operator* recovers
    // infinities from NaN parts, C99 Annex G style, which NumPy does not).
    using R = typename T::value_type;
    const R re = a.real() * b.real() - a.imag() * b.imag();
    const R im = a.real() * b.imag() + a.imag() * b.real();
    return T(re, im);
  } else {
    if constexpr (std::is_integral<T>::value) {
      // Integers wrap, as NumPy's: the arithmetic is unsigned (at least `unsigned`, so that
      // small types do not promote to a signed int that overflows), never signed overflow.
      using U = std::make_unsigned_t<T>;
      using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
      if (redop == LEGATE_REDOP_ADD) return static_cast<T>(static_cast<U>(static_cast<W>(static_cast<U>(a)) + static_cast<W>(static_cast<U>(b))));
      if (redop == LEGATE_REDOP_MUL) return static_cast<T>(static_cast<U>(static_cast<W>(static_cast<U>(a)) * static_cast<W>(static_cast<U>(b))));
    }
    switch (redop) {
      case LEGATE_REDOP_ADD: return static_cast<T>(a + b);
      case LEGATE_REDOP_MUL: return static_cast<T>(a * b);
      // NaN wins, as in NumPy's min and max.
      case LEGATE_REDOP_MIN: return (b < a || b != b) ? b : a;
      case LEGATE_REDOP_MAX: return (a < b || b != b) ? b : a;
      default: break;
    }
    if constexpr (std::is_integral<T>::value) {
      switch (redop) {
        case LEGATE_REDOP_AND: return static_cast<T>(a & b);
        case LEGATE_REDOP_OR: return static_cast<T>(a | b);
        case LEGATE_REDOP_XOR: return static_cast<T>(a ^ b);
        default: break;
      }
    }
    return a;
  }
}

// Calls f(T{}) with T the C++ type of a type code; bool folds as uint8 with the bool rules.
template <typename F>
void dispatch(int32_t code, F&& f) {
  switch (code) {
    case LEGATE_BOOL: f(uint8_t{}); break;
    case LEGATE_INT8: f(int8_t{}); break;
    case LEGATE_INT16: f(int16_t{}); break;
    case LEGATE_INT32: f(int32_t{}); break;
    case LEGATE_INT64: f(int64_t{}); break;
    case LEGATE_UINT8: f(uint8_t{}); break;
    case LEGATE_UINT16: f(uint16_t{}); break;
    case LEGATE_UINT32: f(uint32_t{}); break;
    case LEGATE_UINT64: f(uint64_t{}); break;
    case LEGATE_FLOAT32: f(float{}); break;
    case LEGATE_FLOAT64: f(double{}); break;
    case LEGATE_COMPLEX64: f(std::complex<float>{}); break;
    case LEGATE_COMPLEX128: f(std::complex<double>{}); break;
    default: throw std::invalid_argument("type code out of range");
  }
}

bool redop_supported(int32_t code, int32_t redop) {
  bool ok = false;
  dispatch(code, [&](auto zero) {
    using T = decltype(zero);
    T identity{};
    ok = identity_of<T>(redop, &identity);
  });
  return ok;
}

void fill_identity(int32_t code, int32_t redop, char* data, int64_t count) {
  dispatch(code, [&](auto zero) {
    using T = decltype(zero);
    T identity{};
    identity_of<T>(redop, &identity);
    if (code == LEGATE_BOOL && redop == LEGATE_REDOP_AND) identity = T(1);
    if (code == LEGATE_BOOL && redop == LEGATE_REDOP_MUL) identity = T(1);
    if (code == LEGATE_BOOL && redop == LEGATE_REDOP_MIN) identity = T(1);
    if (code == LEGATE_BOOL && redop == LEGATE_REDOP_MAX) identity = T(0);
    T* out = reinterpret_cast<T*>(data);
    for (int64_t i = 0; i < count; ++i) out[i] = identity;
  });
}

// storage block = storage block (op) contiguous private buffer
void fold_into(Storage& storage, const StridedBlock& block, int32_t redop, const char* source) {
  const int32_t code = storage.type_code();
  dispatch(code, [&](auto zero) {
    using T = decltype(zero);
    T* base = reinterpret_cast<T*>(storage.data());
    const T* src = reinterpret_cast<const T*>(source);
    const size_t nd = block.shape.size();
    if (block.volume() == 0) return;
    std::vector<int64_t> index(nd, 0);
    int64_t linear = 0;
    for (;;) {
      int64_t off = block.offset;
      for (size_t d = 0; d < nd; ++d) off += index[d] * block.strides[d];
      T v = apply<T>(redop, base[off], src[linear++]);
      if (code == LEGATE_BOOL) v = v != T(0) ? T(1) : T(0);
      base[off] = v;
      size_t d = nd;
      for (;;) {
        if (d == 0) return;
        --d;
        if (++index[d] < block.shape[d]) break;
        index[d] = 0;
      }
    }
  });
}

Rect storage_bounds(const ArgumentDesc& arg, const Rect& view) {
  Rect out;
  out.ndim = arg.storage->shape().size();
  if (view.empty()) return out;  // empty at the origin
  if (arg.flat) {
    // The first and last linear index the view reaches, then the smallest box of the storage
    // (C order) holding every index between them: equal leading coordinates, the range of the
    // first that differs, and everything after it.
    int64_t a = arg.offset[0], b = arg.offset[0];
    for (int32_t v = 0; v < arg.ndim; ++v) {
      const int64_t m = arg.matrix[0][v], first = m * view.lo[v], last = m * (view.hi[v] - 1);
      a += std::min(first, last);
      b += std::max(first, last);
    }
    const auto& shape = arg.storage->shape();
    int64_t ca[LEGATE_MAX_DIM], cb[LEGATE_MAX_DIM];
    for (int32_t d = out.ndim; d-- > 0;) {
      const int64_t e = std::max<int64_t>(1, shape[d]);
      ca[d] = a % e, a /= e;  // NOLINT
      cb[d] = b % e, b /= e;  // NOLINT
    }
    bool differ = false;
    for (int32_t d = 0; d < out.ndim; ++d) {
      if (differ) {
        out.lo[d] = 0, out.hi[d] = shape[d];  // NOLINT
      } else {
        out.lo[d] = ca[d], out.hi[d] = cb[d] + 1;  // NOLINT
        differ = ca[d] != cb[d];
      }
    }
    return out;
  }
  for (int32_t s = 0; s < out.ndim; ++s) {
    int64_t a = arg.offset[s], b = arg.offset[s];
    for (int32_t v = 0; v < arg.ndim; ++v) {
      int64_t m = arg.matrix[s][v];
      int64_t first = m * view.lo[v], last = m * (view.hi[v] - 1);
      a += std::min(first, last);
      b += std::max(first, last);
    }
    out.lo[s] = a;
    out.hi[s] = b + 1;
  }
  return out;
}

void storage_strides(const Storage& storage, int64_t* strides) {
  const auto& shape = storage.shape();
  int64_t stride = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = stride;
    stride *= std::max<int64_t>(1, shape[d]);
  }
}

// The rectangle of every element of an N-d storage, whatever its shape (unbound ones included).
Rect everything(int32_t ndim) {
  Rect r;
  r.ndim = ndim;
  for (int32_t d = 0; d < ndim; ++d) r.hi[d] = std::numeric_limits<int64_t>::max();
  return r;
}

void add_poison(Storage& storage, const Rect& rect, const std::shared_ptr<TaskError>& error) {
  if (rect.empty()) return;
  std::lock_guard<std::mutex> lock(storage.poison_mutex);
  storage.poison.emplace_back(rect, error);
}

void clear_poison(Storage& storage, const Rect& written) {
  std::lock_guard<std::mutex> lock(storage.poison_mutex);
  auto& p = storage.poison;
  p.erase(std::remove_if(p.begin(), p.end(), [&](const auto& e) { return written.contains(e.first); }), p.end());
}

std::shared_ptr<TaskError> find_poison(Storage& storage, const Rect& rect) {
  std::lock_guard<std::mutex> lock(storage.poison_mutex);
  for (const auto& [r, error] : storage.poison) {
    if (r.overlaps(rect)) return error;
  }
  return nullptr;
}

}  // namespace

static bool scribble_outputs() {
  static const bool on = [] {
    const char* text = std::getenv("LEGATE_SCRIBBLE");
    return text != nullptr && text[0] != '\0' && std::strcmp(text, "0") != 0;
  }();
  return on;
}

struct LaunchState {
  LaunchDesc desc;
  const TaskVariant* variant = nullptr;
  uint64_t id = 0;
  std::vector<const void*> scalar_ptrs;
  std::vector<uint64_t> scalar_sizes;
  std::atomic<int64_t> remaining{0};  // nodes of the launch not yet done
  int64_t output_bytes = 0;           // what it writes or reduces, counted against the window
  std::mutex error_mutex;
  std::shared_ptr<TaskError> error;
  // [reduction argument][point] private buffers, folded by the launch's epilogue.
  std::vector<std::vector<PrivateBuffer>> buffers;
  // [unbound output][point] pieces the point tasks created, joined by the epilogue.
  std::vector<std::vector<PrivateBuffer>> pieces;
  // Under ranks: whether every rank runs the whole launch (one point), or only this one (a
  // launch a task body issues: the other ranks never see it).
  bool replicated = false;
  bool local = false;

  // `failed`: the launch to record as failed, when not this one (a fused task's operation).
  void fail(std::shared_ptr<TaskError> e, uint64_t failed = 0) {
    {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (error) return;
      error = std::move(e);
    }
    engine().record_failed_launch(failed != 0 ? failed : id);
  }
  std::shared_ptr<TaskError> failure() {
    std::lock_guard<std::mutex> lock(error_mutex);
    return error;
  }
};

struct ContextPrivate {
  LaunchState* launch;
  size_t point = 0;
  std::string failure;
  bool failed = false;
  // A fused task's failure: the operation's task and launch, and per output (ctx order)
  // whether the failure left it valid (1). Empty: the failure reaches every output.
  const std::string* failed_task = nullptr;
  uint64_t failed_launch = 0;
  std::vector<char> output_clean;
};

// The bytes of the pieces a point task is given to read and write (reductions' buffers aside).
static uint64_t piece_bytes(const legate_physical_store* stores, size_t n) {
  uint64_t total = 0;
  for (size_t k = 0; k < n; ++k) {
    int64_t count = 1;
    for (int32_t d = 0; d < stores[k].ndim; ++d) count *= std::max<int64_t>(0, stores[k].shape[d]);
    total += static_cast<uint64_t>(count) * itemsize_of(stores[k].type_code);
  }
  return total;
}

// The fused task's body (see issue_group): runs a program of elementwise operations per block.
void fused_task(legate_task_context* ctx);
// A copy of one piece into another (Engine::copy_of).
void copy_task(legate_task_context* ctx);

// Runs a task's body; returns its failure (thrown, or reported through task_fail), else null.
template <typename Body>
std::shared_ptr<TaskError> run_body(Body&& body, legate_task_context* ctx, ContextPrivate& priv, const std::string& task,
                                    uint64_t launch) {
  try {
    body(ctx);
  } catch (const std::exception& e) {
    priv.failed = true;
    priv.failure = e.what();
  } catch (...) {
    priv.failed = true;
    priv.failure = "unknown C++ exception";
  }
  if (!priv.failed) return nullptr;
  return std::make_shared<TaskError>(TaskError{priv.failure, priv.failed_task ? *priv.failed_task : task,
                                               priv.failed_launch != 0 ? priv.failed_launch : launch});
}

// LEGATE_SCRIBBLE=1: write-only outputs start as garbage (0xA5 bytes), whatever the memory, so
// a task that leaves elements of a write-only piece unwritten (it should be read-write) gives
// visibly wrong answers in tests instead of answers that depend on the memory mode.
static void scribble(const LaunchDesc& desc, const legate_physical_store* outputs) {
  size_t o = 0;
  for (const auto& arg : desc.arguments) {
    if (arg.privilege == kRead || arg.privilege == kReduce) continue;
    const legate_physical_store& ps = outputs[o++];
    if (arg.privilege != kWrite || ps.data == nullptr) continue;
    // An output that is also read (an in-place update through the same storage) is left alone.
    bool read_too = false;
    for (const auto& other : desc.arguments) read_too = read_too || (other.storage == arg.storage && other.privilege == kRead);
    if (read_too) continue;
    const size_t w = arg.storage->itemsize();
    int64_t count = 1;
    for (int32_t d = 0; d < ps.ndim; ++d) count *= ps.shape[d];
    if (count <= 0) continue;
    std::vector<int64_t> index(static_cast<size_t>(ps.ndim), 0);
    for (int64_t k = 0; k < count; ++k) {
      int64_t off = 0;
      for (int32_t d = 0; d < ps.ndim; ++d) off += index[static_cast<size_t>(d)] * ps.strides[d];
      std::memset(static_cast<char*>(ps.data) + off * static_cast<int64_t>(w), 0xA5, w);
      for (int32_t d = ps.ndim; d-- > 0;) {
        if (++index[static_cast<size_t>(d)] < ps.shape[d]) break;
        index[static_cast<size_t>(d)] = 0;
      }
    }
  }
}

class PointTask final : public Node {
 public:
  std::shared_ptr<LaunchState> launch;
  size_t index = 0;  // in the launch's points, C order
  int64_t point[LEGATE_MAX_DIM] = {};
  std::vector<legate_physical_store> inputs, outputs, reductions;
  std::vector<Rect> rects;  // per argument, in storage coordinates
  std::vector<CopyOp> copies;  // what this task's memory lacks, copied in before it runs
  // Under ranks: whether this rank runs it. Elsewhere it stands in for the task of another rank
  // in the dependences, and sends that task what this rank holds of its inputs.
  bool here = true;
  // What it sends other ranks after it runs: its reductions' partial results and its unbound
  // outputs' pieces (which reduction or output, to which rank, under which tag).
  struct PartialSend {
    size_t index;
    int peer;
    int tag;
  };
  std::vector<PartialSend> reduction_sends, piece_sends;

  void send_phase() override { engine().send_copies(copies); }

  void execute() override {
    if (!here) return;  // its sends are all it does here
    run([this](legate_task_context* ctx) { launch->variant->cpu(ctx); });
  }

  bool is_js() const { return here && launch && launch->variant->js; }

  void run(const JsRunner& body) {
    engine().run_copies(copies);
    auto& desc = launch->desc;
    // Inputs a failed task left invalid: do not run, pass the error on.
    std::shared_ptr<TaskError> error;
    for (size_t a = 0; a < desc.arguments.size() && !error; ++a) {
      const auto& arg = desc.arguments[a];
      if (arg.privilege == kRead || arg.privilege == kReadWrite) error = find_poison(*arg.storage, rects[a]);
    }
    if (!error && scribble_outputs()) scribble(desc, outputs.data());
    std::vector<char> clean;  // a fused task's outputs its failure left valid
    uint64_t failed_operation = 0;
    if (!error) {
      legate_task_context ctx{};
      ContextPrivate priv{launch.get(), index, {}, false};
      ctx.num_inputs = static_cast<int32_t>(inputs.size());
      ctx.num_outputs = static_cast<int32_t>(outputs.size());
      ctx.num_reductions = static_cast<int32_t>(reductions.size());
      ctx.num_scalars = static_cast<int32_t>(launch->scalar_ptrs.size());
      ctx.inputs = inputs.data();
      ctx.outputs = outputs.data();
      ctx.reductions = reductions.data();
      ctx.scalars = launch->scalar_ptrs.data();
      ctx.scalar_sizes = launch->scalar_sizes.data();
      ctx.launch_ndim = desc.ndim;
      for (int32_t d = 0; d < desc.ndim; ++d) {
        ctx.point[d] = point[d];
        ctx.launch_shape[d] = desc.shape[d];
      }
      ctx.runtime_private = &priv;
      engine().counters_.bytes_accessed.fetch_add(piece_bytes(inputs.data(), inputs.size()) + piece_bytes(outputs.data(), outputs.size()),
                                                  std::memory_order_relaxed);
      error = run_body(body, &ctx, priv, launch->variant->name, launch->id);
      if (error) {
        engine().counters_.failed_tasks.fetch_add(1, std::memory_order_relaxed);
        clean = std::move(priv.output_clean);
        failed_operation = priv.failed_launch;
      }
    }
    size_t output = 0;
    for (size_t a = 0; a < desc.arguments.size(); ++a) {
      const auto& arg = desc.arguments[a];
      if (arg.privilege == kRead || arg.privilege == kReduce) continue;
      const size_t o = output++;
      if (arg.privilege != kWrite && arg.privilege != kReadWrite) continue;
      if (error && !(o < clean.size() && clean[o])) add_poison(*arg.storage, rects[a], error);
      else clear_poison(*arg.storage, rects[a]);
    }
    if (error) launch->fail(error, failed_operation);
    for (const auto* sends : {&reduction_sends, &piece_sends}) {
      for (const auto& send : *sends) {
        const PrivateBuffer& b = (sends == &reduction_sends ? launch->buffers : launch->pieces)[send.index][index];
        engine().send_values(send.peer, send.tag, error, b.bytes, [&](char* out) {
          if (b.bytes) std::memcpy(out, b.data, b.bytes);
        });
      }
    }
  }

  void release() override {
    launch.reset();
    copies.clear();
    reduction_sends.clear();
    piece_sends.clear();
    inputs.clear();
    outputs.clear();
    reductions.clear();
  }
};

// Runs after a launch's point tasks: folds reductions and joins unbound outputs.
class FoldNode final : public Node {
 public:
  std::shared_ptr<LaunchState> launch;
  std::vector<CopyOp> copies;  // reductions fold in the host memory
  // Reductions through rank 0 (many ranks): rank 0 folds every point's partial and sends each
  // target's folded block to the others, which take it instead of folding.
  struct Result {
    size_t reduction;
    Rect rect;  // the block of the target the launch folds into
    int peer, tag;
  };
  std::vector<Result> result_sends;                                  // rank 0
  std::vector<std::pair<Result, std::shared_ptr<Staged>>> results;  // the other ranks

  void send_phase() override { engine().send_copies(copies); }

  void execute() override {
    engine().run_copies(copies);
    auto error = launch->failure();
    // The joined unbound outputs, allocated first: when memory runs out the launch fails with
    // the allocator's error, as a task that throws does.
    std::vector<std::pair<char*, size_t>> joined;
    for (size_t u = 0; u < launch->pieces.size() && !error; ++u) {
      size_t bytes = 0;
      for (auto& p : launch->pieces[u]) bytes += p.bytes;
      try {
        joined.emplace_back(bytes ? static_cast<char*>(RuntimeState::instance().host_allocator.allocate(bytes)) : nullptr, bytes);
      } catch (const std::bad_alloc& e) {
        for (auto& [data, size] : joined) RuntimeState::instance().host_allocator.deallocate(data, size);
        joined.clear();
        error = std::make_shared<TaskError>(TaskError{e.what(), launch->variant->name, launch->id});
        launch->fail(error);
      }
    }
    size_t u = 0;
    for (auto& arg : launch->desc.arguments) {
      if (arg.privilege != kWriteUnbound) continue;
      auto& parts = launch->pieces[u];
      int64_t total = 0;
      for (auto& p : parts) total += static_cast<int64_t>(p.bytes / arg.storage->itemsize());
      if (error) total = 0;
      char* data = error ? nullptr : joined[u].first;
      ++u;
      size_t at = 0;
      for (auto& p : parts) {
        if (!error && p.bytes) std::memcpy(data + at, p.data, p.bytes);
        at += p.bytes;
      }
      arg.storage->bind(total, data);
      if (error) add_poison(*arg.storage, everything(1), error);
    }
    size_t r = 0;
    for (auto& arg : launch->desc.arguments) {
      if (arg.privilege != kReduce) continue;
      const size_t reduction = r;
      auto& buffers = launch->buffers[r++];
      std::lock_guard<std::mutex> lock(arg.storage->fold_mutex);
      const std::pair<Result, std::shared_ptr<Staged>>* from_root = nullptr;
      for (const auto& result : results) {
        if (result.first.reduction == reduction) from_root = &result;
      }
      if (from_root != nullptr) {
        // Rank 0 folded it: its block replaces this rank's (the same bits everywhere).
        size_t at = 0;
        auto failure = read_message(from_root->second->bytes.data(), from_root->second->received, at, arg.storage->rect_bytes(from_root->first.rect));
        if (failure) {
          launch->fail(failure);
          error = failure;
        } else if (!error) {
          arg.storage->unpack_rect(from_root->first.rect, 0, from_root->second->bytes.data() + at);
          engine().counters_.bytes_received.fetch_add(arg.storage->rect_bytes(from_root->first.rect), std::memory_order_relaxed);
        }
      } else {
        for (auto& b : buffers) {
          if (!error && b.target.volume() > 0) fold_into(*arg.storage, b.target, arg.redop, b.data);
        }
      }
      for (const auto& send : result_sends) {
        if (send.reduction != reduction) continue;
        engine().send_values(send.peer, send.tag, error, arg.storage->rect_bytes(send.rect),
                             [&](char* out) { arg.storage->pack_rect(send.rect, 0, out); });
      }
      if (error) {
        Rect all;
        all.ndim = static_cast<int32_t>(arg.storage->shape().size());
        for (int32_t d = 0; d < all.ndim; ++d) all.hi[d] = arg.storage->shape()[d];
        add_poison(*arg.storage, all, error);
      }
      engine().counters_.folds.fetch_add(1, std::memory_order_relaxed);
    }
    for (auto* lists : {&launch->buffers, &launch->pieces}) {
      for (auto& list : *lists) {
        for (auto& b : list) RuntimeState::instance().host_allocator.deallocate(b.data, b.bytes);
        list.clear();
      }
    }
  }

  void release() override {
    launch.reset();
    copies.clear();
    result_sends.clear();
    results.clear();
  }
};

// The runtime state (allocators, storages) is made first, so that it is destroyed after the
// engine at exit; the engine joins its workers before anything they use goes away.
Engine::Engine(unsigned threads, int64_t inline_limit)
    : pool_((RuntimeState::instance(), threads)),
      rank_(Comm::instance().started() ? Comm::instance().rank() : 0),
      ranks_(Comm::instance().started() ? Comm::instance().size() : 1),
      inline_limit_(inline_limit) {
  fused_variant_.name = "fused";
  fused_variant_.cpu = fused_task;
  copy_variant_.name = "copy";
  copy_variant_.cpu = copy_task;
}

Engine::~Engine() { pool_.shutdown(); }

int32_t Engine::register_task(int32_t library, int32_t task_id, const char* name, legate_task_fn cpu) {
  if (library < 0 || task_id < 0 || cpu == nullptr) return -1;
  if (static_cast<size_t>(library) >= LibraryRegistry::instance().snapshot().size()) return -1;
  std::lock_guard<std::mutex> lock(tasks_mutex_);
  int64_t key = (static_cast<int64_t>(library) << 32) | static_cast<uint32_t>(task_id);
  if (tasks_.count(key)) return -1;
  tasks_[key] = TaskVariant{name ? name : "task", cpu, false, key};
  return 0;
}

int32_t Engine::declare_elementwise(int32_t library, int32_t task_id) {
  std::lock_guard<std::mutex> lock(tasks_mutex_);
  auto it = tasks_.find((static_cast<int64_t>(library) << 32) | static_cast<uint32_t>(task_id));
  if (library < 0 || task_id < 0 || it == tasks_.end() || it->second.js) return -1;
  it->second.elementwise = true;
  return 0;
}

const TaskVariant* Engine::find_task(int32_t library, int32_t task_id) const {
  const int64_t key = (static_cast<int64_t>(library) << 32) | static_cast<uint32_t>(task_id);
  // Variants are never removed and unordered_map never moves its elements: the last one found
  // stays valid, and a loop launches the same few tasks.
  const TaskVariant* last = last_found_.load(std::memory_order_acquire);
  if (last != nullptr && last->key == key) return last;
  std::lock_guard<std::mutex> lock(tasks_mutex_);
  auto it = tasks_.find(key);
  if (it == tasks_.end()) return nullptr;
  last_found_.store(&it->second, std::memory_order_release);
  return &it->second;
}

namespace {

// Calls f(record) for each record of `group` whose rectangle may overlap `rect`.
template <typename F>
void for_each_candidate(const AccessGroup& group, const Rect& rect, F f) {
  auto& records = group.records;
  if (!group.sorted || rect.ndim == 0) {
    for (auto& r : records) f(r);
    return;
  }
  // Tiles of one launch come in point order, so their extents along dimension 0 are sorted.
  auto it = std::partition_point(records.begin(), records.end(), [&](const auto& r) { return r.first.hi[0] <= rect.lo[0]; });
  for (; it != records.end() && it->first.lo[0] < rect.hi[0]; ++it) f(*it);
}

}  // namespace

void Engine::track(Storage& storage, uint64_t launch, int32_t privilege, int32_t redop,
                   std::vector<std::pair<Rect, std::shared_ptr<Node>>> accesses) {
  accesses.erase(std::remove_if(accesses.begin(), accesses.end(), [](const auto& a) { return a.first.empty(); }),
                 accesses.end());
  if (accesses.empty()) return;
  auto& history = storage.history;
  for (auto& group : history) {
    if (group.launch == launch) continue;  // the point tasks of one launch never wait for each other
    bool both_read = group.privilege == kRead && privilege == kRead;
    bool commuting = group.privilege == kReduce && privilege == kReduce && group.redop == redop;
    if (both_read || commuting) continue;
    for (auto& [rect, node] : accesses) {
      if (!group.bounds.overlaps(rect)) continue;
      for_each_candidate(group, rect, [&](const auto& record) {
        if (!record.first.overlaps(rect)) return;
        std::lock_guard<std::mutex> lock(record.second->mutex);
        if (record.second->done.load(std::memory_order_acquire)) return;
        record.second->successors.push_back(node);
        node->pending.fetch_add(1, std::memory_order_relaxed);
      });
    }
  }
  AccessGroup added;
  added.launch = launch;
  added.privilege = privilege;
  added.redop = redop;
  added.bounds = accesses.front().first;
  for (size_t i = 0; i < accesses.size(); ++i) {
    const Rect& r = accesses[i].first;
    added.volume += r.volume();
    for (int32_t d = 0; d < r.ndim; ++d) {
      added.bounds.lo[d] = std::min(added.bounds.lo[d], r.lo[d]);
      added.bounds.hi[d] = std::max(added.bounds.hi[d], r.hi[d]);
    }
    if (i > 0 && r.ndim > 0) {
      const Rect& prev = accesses[i - 1].first;
      added.sorted = added.sorted && prev.lo[0] <= r.lo[0] && prev.hi[0] <= r.hi[0];
    }
  }
  added.records = std::move(accesses);
  // Finished work needs no waiting; a write that covers a group hides it (later accesses that
  // conflict with the group conflict with the write, which waited for it).
  const bool covers = (privilege == kWrite || privilege == kReadWrite) && added.volume == added.bounds.volume();
  history.erase(std::remove_if(history.begin(), history.end(),
                               [&](const AccessGroup& g) {
                                 if (covers && added.bounds.contains(g.bounds)) return true;
                                 return std::all_of(g.records.begin(), g.records.end(), [](const auto& r) {
                                   return r.second->done.load(std::memory_order_acquire);
                                 });
                               }),
                history.end());
  history.push_back(std::move(added));
}

namespace {

// The element strides of `arg`'s view (into `strides`) and the element offset of its origin.
int64_t view_layout(const ArgumentDesc& arg, int64_t* strides) {
  int64_t sstrides[LEGATE_MAX_DIM];
  storage_strides(*arg.storage, sstrides);
  // A flat map's one storage coordinate is the linear index itself.
  if (arg.flat) sstrides[0] = 1;
  const int32_t sdim = arg.flat ? 1 : static_cast<int32_t>(arg.storage->shape().size());
  int64_t origin = 0;
  for (int32_t s = 0; s < sdim; ++s) origin += arg.offset[s] * sstrides[s];
  for (int32_t v = 0; v < arg.ndim; ++v) {
    int64_t stride = 0;
    for (int32_t s = 0; s < sdim; ++s) stride += arg.matrix[s][v] * sstrides[s];
    strides[v] = stride;
  }
  return origin;
}

// The rectangle of `arg`'s view that point `point` (index `i` in the launch's C order) works on.
Rect view_of(const ArgumentDesc& arg, const int64_t* point, size_t i) {
  Rect view;
  view.ndim = arg.ndim;
  for (int32_t v = 0; v < arg.ndim; ++v) {
    const auto& p = arg.partition[v];
    int64_t lo = 0, hi = arg.shape[v];
    if (!arg.pieces.empty()) {
      lo = arg.pieces[i].lo[v];
      hi = arg.pieces[i].hi[v];
    } else if (p.color_dim >= 0) {
      lo = p.offset + point[p.color_dim] * p.tile - p.low;
      hi = p.offset + (point[p.color_dim] + 1) * p.tile + p.high;
    }
    view.lo[v] = std::max<int64_t>(0, lo);
    view.hi[v] = std::max(view.lo[v], std::min(arg.shape[v], hi));
  }
  return view;
}

// What a task gets for `arg` over `view`: its elements in `memory`, or, for a reduction, a
// private buffer that starts at the identity (allocated into `buffer`, which the caller frees).
// Dimensions the view does not move along (promoted or broadcast: a matrix product's C seen over
// the (m, k, n) space) hold one element of the buffer, as of the storage: the task folds into
// it along them, and the fold adds it in once.
legate_physical_store physical_of(const ArgumentDesc& arg, const Rect& view, const int64_t* view_strides, int64_t origin,
                                  size_t memory, PrivateBuffer* buffer) {
  legate_physical_store ps{};
  ps.type_code = arg.storage->type_code();
  ps.ndim = arg.ndim;
  ps.redop = arg.redop;
  for (int32_t v = 0; v < arg.ndim; ++v) {
    ps.shape[v] = view.hi[v] - view.lo[v];
    ps.offset[v] = view.lo[v];
    ps.strides[v] = view_strides[v];
    origin += view.lo[v] * view_strides[v];
  }
  const size_t w = arg.storage->itemsize();
  if (arg.privilege != kReduce) {
    ps.data = view.empty() ? nullptr : arg.storage->instance(memory) + origin * static_cast<int64_t>(w);
    return ps;
  }
  // The fold works in the host memory. A store nothing has written (no memory yet) starts from
  // the operator's identity; one that holds values elsewhere gets them copied over it first.
  // (Engine::hold() gave it all its rows in the host memory, at the identity when it had none.)
  std::vector<int64_t> target_shape(ps.shape, ps.shape + arg.ndim);
  int64_t count = 1;
  for (int32_t v = 0; v < arg.ndim; ++v) {
    if (ps.strides[v] == 0 && ps.shape[v] > 0) target_shape[v] = 1;
    count *= target_shape[v];
  }
  buffer->target = StridedBlock{origin, target_shape, std::vector<int64_t>(ps.strides, ps.strides + arg.ndim)};
  buffer->bytes = static_cast<size_t>(count) * w;
  buffer->data = count > 0 ? static_cast<char*>(RuntimeState::instance().host_allocator.allocate(buffer->bytes)) : nullptr;
  if (count > 0) fill_identity(ps.type_code, arg.redop, buffer->data, count);
  int64_t stride = 1;
  for (int32_t v = arg.ndim; v-- > 0;) {
    ps.strides[v] = target_shape[v] == 1 && ps.shape[v] > 1 ? 0 : stride;
    stride *= std::max<int64_t>(1, target_shape[v]);
  }
  ps.data = buffer->data;
  return ps;
}

}  // namespace

// The first phase of a launch: its point tasks, with everything they use allocated.
void Engine::make_point_tasks(const std::shared_ptr<LaunchState>& state,
                              const std::vector<std::array<int64_t, LEGATE_MAX_DIM>>& strides,
                              const std::vector<int64_t>& origins, std::vector<std::shared_ptr<PointTask>>& tasks,
                              std::vector<PlannedAccess>& reads, std::vector<PlannedAccess>& writes,
                              int64_t& volume_total) {
  auto& d = state->desc;
  int64_t points = 1;
  for (int32_t k = 0; k < d.ndim; ++k) points *= d.shape[k];
  tasks.reserve(static_cast<size_t>(points));
  int64_t point[LEGATE_MAX_DIM] = {};
  const bool replicated = state->replicated;
  for (int64_t i = 0; i < points; ++i) {
    auto task = std::make_shared<PointTask>();
    task->launch = state;
    task->launch_id = state->id;
    task->index = static_cast<size_t>(i);
    task->here = replicated || state->local || owner_of(static_cast<size_t>(i), static_cast<size_t>(points)) == rank_;
    const size_t memory = state->local ? global_memory(rank_, 0) : memory_of(static_cast<size_t>(i), static_cast<size_t>(points), replicated);
    std::copy(point, point + LEGATE_MAX_DIM, task->point);
    size_t r = 0;
    task->rects.reserve(d.arguments.size());
    for (size_t a = 0; a < d.arguments.size(); ++a) {
      auto& arg = d.arguments[a];
      if (arg.privilege == kWriteUnbound) {
        legate_physical_store ps{};
        ps.type_code = arg.storage->type_code();
        ps.ndim = 1;
        ps.shape[0] = -1;
        ps.strides[0] = 1;
        task->rects.push_back(Rect{});
        task->outputs.push_back(ps);
        continue;
      }
      const Rect view = view_of(arg, point, static_cast<size_t>(i));
      Rect bounds = storage_bounds(arg, view);
      task->rects.push_back(bounds);
      if (task->here) volume_total += view.volume();
      if (arg.privilege == kReduce) {
        // Another rank's point gets a buffer too: its values arrive in a message, for the fold.
        PrivateBuffer buffer;
        auto ps = physical_of(arg, view, strides[a].data(), origins[a], 0, &buffer);
        if (task->here) task->reductions.push_back(ps);
        state->buffers[r++].push_back(buffer);
      } else {
        // A write that leaves gaps in its box (a strided view) keeps the values between them.
        const bool dense = view.volume() == bounds.volume();
        if (arg.privilege == kRead || arg.privilege == kReadWrite || !dense) reads.push_back(PlannedAccess{task.get(), a, bounds, memory, replicated});
        if (arg.privilege != kRead) writes.push_back(PlannedAccess{task.get(), a, bounds, memory, replicated});
        if (task->here) {
          (arg.privilege == kRead ? task->inputs : task->outputs)
              .push_back(physical_of(arg, view, strides[a].data(), origins[a], local_of_memory(memory), nullptr));
        }
      }
    }
    tasks.push_back(task);
    for (int32_t k = d.ndim; k-- > 0;) {
      if (++point[k] < d.shape[k]) break;
      point[k] = 0;
    }
  }
}

namespace {

// Whether every access issued to `rect` of `storage` has completed. Finished history goes.
bool idle(Storage& storage, const Rect& rect) {
  bool all_done = true;
  for (auto& group : storage.history) {
    for (auto& record : group.records) {
      if (record.second->done.load(std::memory_order_acquire)) continue;
      all_done = false;
      if (group.bounds.overlaps(rect) && record.first.overlaps(rect)) return false;
    }
  }
  if (all_done) storage.history.clear();
  return true;
}

constexpr size_t kImmediateArguments = 8;

}  // namespace

// A launch of one small point whose arguments nothing pending touches runs here and now, with
// no task object, dependence records or hand-off: what it reads is final, and nothing issued
// before it can still change what it writes. Returns false, having changed nothing, when the
// launch must take the general path.
bool Engine::run_immediate(LaunchDesc& desc, const TaskVariant* variant, uint64_t& id, bool* settled) {
  const size_t n = desc.arguments.size();
  if (n > kImmediateArguments) return false;
  const int64_t point[LEGATE_MAX_DIM] = {};
  Rect bounds[kImmediateArguments];
  Rect views[kImmediateArguments];
  int64_t volume_total = 0;
  const int64_t limit = inline_limit_.load(std::memory_order_relaxed);
  for (size_t a = 0; a < n; ++a) {
    const auto& arg = desc.arguments[a];
    if (arg.privilege == kWriteUnbound) return false;
    views[a] = view_of(arg, point, 0);
    volume_total += views[a].volume();
    if (volume_total > limit) return false;
    bounds[a] = storage_bounds(arg, views[a]);
  }
  for (size_t a = 0; a < n; ++a) {
    if (!idle(*desc.arguments[a].storage, bounds[a])) return false;
  }
  // Under ranks it runs on every rank alike: only when no rank needs a message for its inputs.
  if (ranks_ > 1) {
    for (size_t a = 0; a < n; ++a) {
      const auto& arg = desc.arguments[a];
      const bool dense = views[a].volume() == bounds[a].volume();
      if ((arg.privilege != kWrite || !dense) && !host_ready_everywhere(*arg.storage, bounds[a])) return false;
    }
  }
  const size_t host = global_memory(rank_, 0);
  for (size_t a = 0; a < n; ++a) {
    const auto& arg = desc.arguments[a];
    // A reduction target gets all its rows (at the identity when fresh); under ranks the others
    // get theirs here (on one rank instance() gives them all). Growing would wait: general path.
    const bool reduce = arg.privilege == kReduce;
    if ((reduce || ranks_ > 1) && !hold_rows(arg.storage, 0, reduce ? Rect{} : bounds[a], reduce ? arg.redop : -1, false)) return false;
  }
  // Everything it uses, allocated before anything changes: when memory runs out, the general
  // path waits for pending work and tries again.
  legate_physical_store inputs[kImmediateArguments], outputs[kImmediateArguments], reductions[kImmediateArguments];
  PrivateBuffer buffers[kImmediateArguments];
  int32_t num_inputs = 0, num_outputs = 0, num_reductions = 0;
  auto free_buffers = [&] {
    for (int32_t r = 0; r < num_reductions; ++r) RuntimeState::instance().host_allocator.deallocate(buffers[r].data, buffers[r].bytes);
  };
  try {
    for (size_t a = 0; a < n; ++a) {
      const auto& arg = desc.arguments[a];
      int64_t strides[LEGATE_MAX_DIM];
      const int64_t origin = view_layout(arg, strides);
      if (arg.privilege == kReduce) {
        reductions[num_reductions] = physical_of(arg, views[a], strides, origin, 0, &buffers[num_reductions]);
        ++num_reductions;
      } else {
        (arg.privilege == kRead ? inputs[num_inputs++] : outputs[num_outputs++]) = physical_of(arg, views[a], strides, origin, 0, nullptr);
      }
    }
  } catch (OutOfMemory&) {
    free_buffers();
    return false;
  }
  id = next_launch_++;
  counters_.launches.fetch_add(1, std::memory_order_relaxed);
  counters_.point_tasks.fetch_add(1, std::memory_order_relaxed);
  counters_.inline_tasks.fetch_add(1, std::memory_order_relaxed);
  // It works in the host memory: what another memory holds newer is copied in first.
  std::vector<CopyOp> copies;
  for (size_t a = 0; a < n; ++a) {
    const auto& arg = desc.arguments[a];
    const bool dense = views[a].volume() == bounds[a].volume();
    if (arg.privilege != kWrite || !dense) plan_read(arg.storage, bounds[a], host, copies, nullptr, true);
  }
  run_copies(copies);
  for (size_t a = 0; a < n; ++a) {
    if (desc.arguments[a].privilege != kRead) note_write(*desc.arguments[a].storage, bounds[a], host, true);
  }
  std::shared_ptr<TaskError> error;
  for (size_t a = 0; a < n && !error; ++a) {
    const auto& arg = desc.arguments[a];
    if (arg.privilege == kRead || arg.privilege == kReadWrite) error = find_poison(*arg.storage, bounds[a]);
  }
  LaunchState state;
  state.desc = std::move(desc);
  state.variant = variant;
  state.id = id;
  if (!error) {
    if (scribble_outputs()) scribble(state.desc, outputs);
    // The scalars' addresses, on the stack for a few (the common case), else in the state.
    const size_t num_scalars = state.desc.scalars.size();
    const void* scalar_ptrs[kImmediateArguments];
    uint64_t scalar_sizes[kImmediateArguments];
    const void** ptrs = scalar_ptrs;
    uint64_t* sizes = scalar_sizes;
    if (num_scalars > kImmediateArguments) {
      state.scalar_ptrs.resize(num_scalars);
      state.scalar_sizes.resize(num_scalars);
      ptrs = state.scalar_ptrs.data();
      sizes = state.scalar_sizes.data();
    }
    for (size_t k = 0; k < num_scalars; ++k) {
      ptrs[k] = state.desc.scalars[k].data();
      sizes[k] = state.desc.scalars[k].size();
    }
    legate_task_context ctx{};
    ContextPrivate priv{&state, 0, {}, false};
    ctx.num_inputs = num_inputs;
    ctx.num_outputs = num_outputs;
    ctx.num_reductions = num_reductions;
    ctx.num_scalars = static_cast<int32_t>(num_scalars);
    ctx.inputs = inputs;
    ctx.outputs = outputs;
    ctx.reductions = reductions;
    ctx.scalars = ptrs;
    ctx.scalar_sizes = sizes;
    ctx.launch_ndim = state.desc.ndim;
    for (int32_t d = 0; d < state.desc.ndim; ++d) ctx.launch_shape[d] = state.desc.shape[d];
    ctx.runtime_private = &priv;
    counters_.bytes_accessed.fetch_add(piece_bytes(inputs, static_cast<size_t>(num_inputs)) + piece_bytes(outputs, static_cast<size_t>(num_outputs)),
                                       std::memory_order_relaxed);
    error = run_body(variant->cpu, &ctx, priv, variant->name, id);
    if (error) counters_.failed_tasks.fetch_add(1, std::memory_order_relaxed);
  }
  int32_t r = 0;
  for (size_t a = 0; a < n; ++a) {
    auto& arg = state.desc.arguments[a];
    if (arg.privilege == kWrite || arg.privilege == kReadWrite) {
      if (error) add_poison(*arg.storage, bounds[a], error);
      else clear_poison(*arg.storage, bounds[a]);
    } else if (arg.privilege == kReduce) {
      const PrivateBuffer& b = buffers[r++];
      if (error) {
        Rect all;
        all.ndim = static_cast<int32_t>(arg.storage->shape().size());
        for (int32_t d = 0; d < all.ndim; ++d) all.hi[d] = arg.storage->shape()[d];
        add_poison(*arg.storage, all, error);
      } else if (b.target.volume() > 0) {
        std::lock_guard<std::mutex> lock(arg.storage->fold_mutex);
        fold_into(*arg.storage, b.target, arg.redop, b.data);
      }
      counters_.folds.fetch_add(1, std::memory_order_relaxed);
    }
  }
  free_buffers();
  if (error) record_failed_launch(id);
  if (settled != nullptr) *settled = !error;
  // The descriptor goes back to the caller, whose vectors keep their capacity for the next launch.
  desc = std::move(state.desc);
  return true;
}

namespace {

// LEGATE_CHECK_REPLICATION=1: every launch (and host read) is compared across the ranks.
bool check_replication() {
  static const bool on = [] {
    const char* text = std::getenv("LEGATE_CHECK_REPLICATION");
    return text != nullptr && text[0] != '\0' && std::strcmp(text, "0") != 0;
  }();
  return on;
}

// LEGATE_ROOT_REDUCTION_RANKS: from how many ranks on reductions go through rank 0 (default 4;
// below it every rank sends its partials to every other, one hop instead of two).
int root_reduction_ranks() {
  static const int ranks = [] {
    const char* text = std::getenv("LEGATE_ROOT_REDUCTION_RANKS");
    if (text == nullptr || *text == '\0') return 4;
    char* end = nullptr;
    long v = std::strtol(text, &end, 10);
    return end != text && *end == '\0' && v >= 1 ? static_cast<int>(std::min<long>(v, 1 << 30)) : 4;
  }();
  return ranks;
}

struct Fnv {
  uint64_t h = 1469598103934665603ull;
  void add(const void* p, size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  }
  template <typename T>
  void value(const T& v) {
    add(&v, sizeof v);
  }
};

}  // namespace

// What every rank must agree on about a launch: the task, its grid, and each argument's
// privilege, type, shape and view (not storage ids, which a task body's own stores shift).
void Engine::verify_replicated(const LaunchDesc& desc, const TaskVariant& variant) {
  Fnv f;
  f.value(next_launch_);
  f.value(desc.library);
  f.value(desc.task);
  f.value(desc.ndim);
  f.add(desc.shape, sizeof desc.shape);
  for (const auto& arg : desc.arguments) {
    f.value(arg.privilege);
    f.value(arg.redop);
    f.value(arg.storage->type_code());
    for (int64_t e : arg.storage->shape()) f.value(e);
    f.value(arg.ndim);
    f.add(arg.shape, sizeof arg.shape);
    f.add(arg.offset, sizeof arg.offset);
  }
  for (const auto& scalar : desc.scalars) f.add(scalar.data(), scalar.size());
  if (Comm::instance().same_everywhere(f.h)) return;
  std::string shape;
  for (int32_t d = 0; d < desc.ndim; ++d) shape += (d ? ", " : "") + std::to_string(desc.shape[d]);
  throw RanksError("the ranks diverged at launch " + std::to_string(next_launch_) + ": this rank (" +
                           std::to_string(rank_) + " of " + std::to_string(ranks_) + ") issued task '" + variant.name + "' over [" +
                           shape + "], and another rank issued something else (LEGATE_CHECK_REPLICATION)");
}

uint64_t Engine::launch(LaunchDesc&& desc, bool* settled) {
  const TaskVariant* variant = find_task(desc.library, desc.task);
  if (variant == nullptr) {
    throw std::invalid_argument("task: no task " + std::to_string(desc.task) + " in library " + std::to_string(desc.library));
  }
  if (desc.ndim < 0 || desc.ndim > LEGATE_MAX_DIM) throw std::invalid_argument("launch: too many dimensions");
  int64_t points = 1;
  for (int32_t d = 0; d < desc.ndim; ++d) {
    if (desc.shape[d] < 1) throw std::invalid_argument("launch: every launch extent must be at least 1");
    points *= desc.shape[d];
  }
  for (auto& arg : desc.arguments) {
    if (arg.privilege == kWriteUnbound && (!arg.storage->unbound() || arg.ndim != 1)) {
      throw std::invalid_argument("output: an unbound output must be a fresh 1-D unbound store");
    }
    if (arg.privilege != kWriteUnbound && arg.storage->unbound()) {
      throw std::invalid_argument("store: an unbound store has no elements until the task that produces it has run");
    }
    if (arg.privilege == kReduce && !redop_supported(arg.storage->type_code(), arg.redop)) {
      throw std::invalid_argument("reduction: operator " + std::to_string(arg.redop) + " is not defined for type " +
                                  std::to_string(arg.storage->type_code()));
    }
    for (int32_t v = 0; v < arg.ndim; ++v) {
      const auto& p = arg.partition[v];
      if (p.color_dim >= desc.ndim || (p.color_dim >= 0 && p.tile < 1)) throw std::invalid_argument("partition: bad tiling");
    }
    if (!arg.pieces.empty() && static_cast<int64_t>(arg.pieces.size()) != points) {
      throw std::invalid_argument("partition: one piece per point task");
    }
  }

  if (ranks_ > 1 && js_task_depth == 0 && check_replication()) verify_replicated(desc, *variant);

  if (may_hold(desc, *variant, points)) {
    // Full: the older ones go, the newest few stay held (the temporaries of a loop body still
    // being issued are likely released before they are issued).
    if (held_.size() >= kMaxHeldLaunches) flush_held(kMaxHeldLaunches / 4);
    HeldLaunch& held = held_.emplace_back();
    held.desc = std::move(desc);
    held.variant = variant;
    held.id = next_launch_++;
    counters_.launches.fetch_add(1, std::memory_order_relaxed);
    if (settled != nullptr) *settled = false;
    return held.id;
  }
  // What was held was issued before this launch: it goes first. Then a speculation this
  // launch reads, or whose inputs it writes, is computed (a held launch settles when issued).
  flush_held();
  settle(desc);

  if (points == 1 && !variant->js) {
    uint64_t id = 0;
    if (run_immediate(desc, variant, id, settled)) return id;
  }
  const uint64_t id = launch_tasks(std::move(desc), variant, 0, settled);
  counters_.launches.fetch_add(1, std::memory_order_relaxed);  // (not one that ran out of memory)
  return id;
}

uint64_t Engine::launch_tasks(LaunchDesc&& desc, const TaskVariant* variant, uint64_t id, bool* settled) {
  int64_t points = 1;
  for (int32_t d = 0; d < desc.ndim; ++d) points *= desc.shape[d];
  auto state = std::make_shared<LaunchState>();
  state->desc = std::move(desc);
  state->variant = variant;
  state->id = id != 0 ? id : next_launch_++;
  // A launch from inside a TypeScript task's body works on the body's pieces, where they are
  // (they are attached as host memory): in this memory only, and on this rank alone.
  state->local = js_task_depth > 0;
  if (ranks_ > 1) {
    state->replicated = !state->local && points == 1;
  }
  for (auto& s : state->desc.scalars) {
    state->scalar_ptrs.push_back(s.data());
    state->scalar_sizes.push_back(s.size());
  }
  auto& d = state->desc;
  size_t num_reductions = 0, num_unbound = 0;
  for (auto& arg : d.arguments) {
    num_reductions += arg.privilege == kReduce;
    num_unbound += arg.privilege == kWriteUnbound;
  }
  state->buffers.resize(num_reductions);
  state->pieces.assign(num_unbound, std::vector<PrivateBuffer>(static_cast<size_t>(points)));
  const bool epilogue = num_reductions + num_unbound > 0;
  state->remaining = points + (epilogue ? 1 : 0);

  // Element strides of each argument's view, and the element offset of its origin.
  std::vector<std::array<int64_t, LEGATE_MAX_DIM>> strides(d.arguments.size());
  std::vector<int64_t> origins(d.arguments.size(), 0);
  for (size_t a = 0; a < d.arguments.size(); ++a) origins[a] = view_layout(d.arguments[a], strides[a].data());
  // Two phases. The first makes the point tasks and allocates everything they use (instances in
  // their memories, reduction buffers) and changes nothing else, so that when memory runs out it
  // can be undone: the runtime waits for pending work to free what it holds, then tries once
  // more, and otherwise the launch throws OutOfMemory having issued nothing. The second plans
  // the copies, notes the writes and adds the dependences.
  std::vector<std::shared_ptr<PointTask>> tasks;
  std::vector<PlannedAccess> reads, writes;
  int64_t volume_total = 0;
  auto undo = [&] {
    for (auto& list : state->buffers) {
      for (auto& b : list) RuntimeState::instance().host_allocator.deallocate(b.data, b.bytes);
      list.clear();
    }
    tasks.clear();
    reads.clear();
    writes.clear();
    volume_total = 0;
  };
  for (int attempt = 0;; ++attempt) {
    try {
      hold(*state);
      make_point_tasks(state, strides, origins, tasks, reads, writes, volume_total);
      break;
    } catch (OutOfMemory&) {
      undo();
      if (attempt > 0) throw;
      reclaim();
    }
  }
  // Reductions of a launch spread over ranks: each point's buffer goes to every other rank, so
  // that every rank folds all of them, in point order, to the same bits.
  struct RemoteBuffer {
    size_t point, reduction;
    int peer, tag;
  };
  // Unbound outputs likewise: every rank gets every point's piece and joins them in point
  // order, so the sizes and offsets agree everywhere.
  std::vector<RemoteBuffer> remote_buffers, remote_pieces;
  const bool spread = !state->replicated && !state->local && ranks_ > 1;
  // From this many ranks on, reductions go through rank 0: 2(N - 1) messages, not N(N - 1).
  const bool via_root = spread && ranks_ >= root_reduction_ranks();
  if (spread && num_reductions + num_unbound > 0) {
    for (size_t i = 0; i < static_cast<size_t>(points); ++i) {
      const int owner = owner_of(i, static_cast<size_t>(points));
      for (size_t r = 0; r < num_reductions + num_unbound; ++r) {
        const bool piece = r >= num_reductions;
        const size_t k = piece ? r - num_reductions : r;
        for (int q = 0; q < ranks_; ++q) {
          if (q == owner || (via_root && !piece && q != 0)) continue;
          const int tag = next_tag(owner, q);
          if (owner == rank_) (piece ? tasks[i]->piece_sends : tasks[i]->reduction_sends).push_back({k, q, tag});
          else if (q == rank_) (piece ? remote_pieces : remote_buffers).push_back({i, k, owner, tag});
        }
      }
    }
  }
  for (const auto& arg : d.arguments) {
    if (arg.privilege == kRead || arg.privilege == kWriteUnbound) continue;
    int64_t volume = 1;
    for (int32_t v = 0; v < arg.ndim; ++v) volume *= arg.shape[v];
    state->output_bytes += volume * static_cast<int64_t>(arg.storage->itemsize());
  }
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    // In id order: a fused launch takes the id of its first held launch, which launches from a
    // TypeScript task's body may have followed.
    pending_.insert(std::upper_bound(pending_.begin(), pending_.end(), state->id), state->id);
    pending_bytes_ += state->output_bytes;
  }
  // Every read of the launch sees the values from before it, whichever argument (or point)
  // writes the same storage: reads are planned first.
  for (const auto& r : reads) {
    plan_read(d.arguments[r.argument].storage, r.rect, r.memory, r.task->copies, tasks[r.task->index], r.all_ranks);
  }
  for (const auto& w : writes) note_write(*d.arguments[w.argument].storage, w.rect, w.memory, w.all_ranks);
  uint64_t here = 0;
  for (auto& t : tasks) here += t->here;
  counters_.point_tasks.fetch_add(here, std::memory_order_relaxed);

  std::shared_ptr<FoldNode> fold;
  if (epilogue) {
    fold = std::make_shared<FoldNode>();
    fold->launch = state;
    fold->launch_id = state->id + (uint64_t{1} << 63);  // waits for its own point tasks explicitly
  }
  // Dependences, in program order. Point tasks touch the storage of inputs and outputs; the
  // fold touches the reduction targets and waits for every point task.
  size_t reduction = 0;
  for (size_t a = 0; a < d.arguments.size(); ++a) {
    auto& arg = d.arguments[a];
    if (arg.privilege == kReduce) {
      // The fold touches the hull of the pieces.
      Rect all;
      all.ndim = static_cast<int32_t>(arg.storage->shape().size());
      bool any = false;
      for (auto& t : tasks) {
        const Rect& r = t->rects[a];
        if (r.empty()) continue;
        for (int32_t k = 0; k < all.ndim; ++k) {
          all.lo[k] = any ? std::min(all.lo[k], r.lo[k]) : r.lo[k];
          all.hi[k] = any ? std::max(all.hi[k], r.hi[k]) : r.hi[k];
        }
        any = true;
      }
      if (any) {
        // Every rank folds into its own host memory.
        const size_t host = global_memory(rank_, 0);
        plan_read(arg.storage, all, host, fold->copies, fold, !state->local);
        note_write(*arg.storage, all, host, !state->local);
        track(*arg.storage, fold->launch_id, kReduce, arg.redop, {{all, fold}});
        for (int q = 1; via_root && q < ranks_; ++q) {
          const int tag = next_tag(0, q);
          if (rank_ == 0) {
            fold->result_sends.push_back({reduction, all, q, tag});
          } else if (rank_ == q) {
            auto staged = std::make_shared<Staged>();
            staged->bytes.resize(sizeof(MessageHeader) + kErrorRoom + arg.storage->rect_bytes(all));
            fold->results.emplace_back(FoldNode::Result{reduction, all, 0, tag}, staged);
            expect(fold, [&](auto arrived) { Comm::instance().recv(0, tag, staged->bytes.data(), staged->bytes.size(), [staged, arrived](size_t n) {
              staged->received = n;
              arrived();
            }); });
          }
        }
      }
      ++reduction;
    } else if (arg.privilege == kWriteUnbound) {
      note_write(*arg.storage, everything(1), global_memory(rank_, 0), !state->local);  // joined in the host memory
      track(*arg.storage, fold->launch_id, kWrite, LEGATE_REDOP_NONE, {{everything(1), fold}});
    } else {
      std::vector<std::pair<Rect, std::shared_ptr<Node>>> accesses;
      accesses.reserve(tasks.size());
      for (auto& t : tasks) accesses.emplace_back(t->rects[a], t);
      track(*arg.storage, state->id, arg.privilege, arg.redop, std::move(accesses));
    }
  }
  if (fold) {
    for (auto& t : tasks) {
      t->successors.push_back(fold);
      fold->pending.fetch_add(1, std::memory_order_relaxed);
    }
    for (const auto& rb : remote_buffers) {
      PrivateBuffer* target = &state->buffers[rb.reduction][rb.point];
      auto bytes = std::make_shared<std::vector<char>>(sizeof(MessageHeader) + kErrorRoom + target->bytes);
      expect(fold, [&](auto arrived) { Comm::instance().recv(rb.peer, rb.tag, bytes->data(), bytes->size(), [this, state, target, bytes, arrived](size_t n) {
        size_t at = 0;
        if (auto error = read_message(bytes->data(), n, at, target->bytes)) {
          state->fail(error);
        } else {
          if (target->bytes) std::memcpy(target->data, bytes->data() + at, target->bytes);
          counters_.bytes_received.fetch_add(target->bytes, std::memory_order_relaxed);
        }
        arrived();
      }); });
    }
    for (const auto& rp : remote_pieces) {
      PrivateBuffer* piece = &state->pieces[rp.reduction][rp.point];
      expect(fold, [&](auto arrived) { Comm::instance().recv_any(rp.peer, rp.tag, [this, state, piece, arrived](std::vector<char> bytes) {
        size_t at = 0;
        auto error = read_message(bytes.data(), bytes.size(), at);
        if (!error && bytes.size() > at) {
          try {
            piece->data = static_cast<char*>(RuntimeState::instance().host_allocator.allocate(bytes.size() - at));
            piece->bytes = bytes.size() - at;
            std::memcpy(piece->data, bytes.data() + at, piece->bytes);
            counters_.bytes_received.fetch_add(piece->bytes, std::memory_order_relaxed);
          } catch (const std::bad_alloc& e) {
            error = std::make_shared<TaskError>(TaskError{e.what(), state->variant->name, state->id});
          }
        }
        if (error) state->fail(error);
        arrived();
      }); });
    }
  }

  bool run_inline = points == 1 && volume_total <= inline_limit_.load(std::memory_order_relaxed);
  std::vector<std::shared_ptr<Node>> ready;
  for (auto& t : tasks) {
    if (t->pending.fetch_sub(1, std::memory_order_acq_rel) == 1) ready.push_back(t);
  }
  if (fold && fold->pending.fetch_sub(1, std::memory_order_acq_rel) == 1) ready.push_back(fold);
  size_t ran_inline = 0;
  for (auto& node : ready) {
    auto* point_task = dynamic_cast<PointTask*>(node.get());
    if (run_inline && !(point_task && point_task->is_js())) {
      counters_.inline_tasks.fetch_add(1, std::memory_order_relaxed);
      if (!run_node(node)) continue;  // waits for messages: it goes on when they are in
      // A small launch's fold (its reductions) runs here too: waking a processor for it costs
      // more than the fold.
      if (complete(node, fold.get())) ++ran_inline;
      ++ran_inline;
    } else {
      submit(node);
    }
  }
  if (settled != nullptr) *settled = ran_inline == tasks.size() + (fold ? 1 : 0) && state->failure() == nullptr;
  return state->id;
}

void Engine::submit(const std::shared_ptr<Node>& node) {
  auto* task = dynamic_cast<PointTask*>(node.get());
  if (task != nullptr && task->is_js()) {
    std::function<void()> signal;
    {
      std::lock_guard<std::mutex> lock(js_mutex_);
      js_ready_.push_back(node);
      signal = js_signal_;
    }
    {
      std::lock_guard<std::mutex> lock(done_mutex_);  // wakes a blocked wait, which runs it
    }
    done_cv_.notify_all();
    if (signal) signal();
    return;
  }
  pool_.submit([this, node] {
    if (run_node(node)) complete(node);
  });
}

size_t Engine::memory_of(size_t point, size_t points, bool replicated) const {
  // A replicated launch works in the host memory of each rank, on the fast path or not alike.
  const size_t local = memory_mode() == MemoryMode::kShared || replicated ? 0 : 1 + point % pool_.size();
  return global_memory(replicated ? rank_ : owner_of(point, points), local);
}

int Engine::next_tag(int from, int to) {
  if (message_seq_.empty()) message_seq_.assign(static_cast<size_t>(ranks_) * static_cast<size_t>(ranks_), 0);
  const uint64_t n = message_seq_[static_cast<size_t>(from) * static_cast<size_t>(ranks_) + static_cast<size_t>(to)]++;
  return static_cast<int>(n % (static_cast<uint64_t>(Comm::instance().max_tag()) + 1));
}

namespace {

void resize_valid(Storage& storage, size_t memories) {
  if (storage.valid.size() < memories) storage.valid.resize(memories);
}

}  // namespace

// Starts tracking a storage that the host memories alone held (each rank's the same values).
static void leave_host_only(Engine& engine, Storage& storage) {
  if (!storage.host_only) return;
  storage.host_only = false;
  resize_valid(storage, engine.memories());
  Rect all;
  all.ndim = static_cast<int32_t>(storage.shape().size());
  for (int32_t d = 0; d < all.ndim; ++d) all.hi[d] = storage.unbound() ? std::numeric_limits<int64_t>::max() : storage.shape()[d];
  for (int q = 0; q < engine.ranks(); ++q) storage.valid[engine.global_memory(q, 0)] = {ValidRect{all, nullptr}};
}

void Engine::plan_read(const std::shared_ptr<Storage>& storage, const Rect& rect, size_t m, std::vector<CopyOp>& copies,
                       const std::shared_ptr<Node>& reader, bool all_ranks) {
  const size_t first = copies.size();
  if (!all_ranks || ranks_ == 1) {
    plan_read_one(storage, rect, m, copies, reader, nullptr);
  } else {
    // What one rank gains here is no source for another: each copy comes from where the values
    // were before the task (so no copy waits for another of the same task).
    std::vector<std::pair<size_t, ValidRect>> gained;
    for (int q = 0; q < ranks_; ++q) plan_read_one(storage, rect, global_memory(q, local_of_memory(m)), copies, reader, &gained);
    for (auto& [memory, v] : gained) storage->valid[memory].push_back(std::move(v));
  }
  route(copies, first, reader);
}

void Engine::plan_read_one(const std::shared_ptr<Storage>& storage, const Rect& rect, size_t m, std::vector<CopyOp>& copies,
                           const std::shared_ptr<Node>& reader, std::vector<std::pair<size_t, ValidRect>>* gained_out) {
  if (rect.empty() || (local_of_memory(m) == 0 && storage->host_only)) return;
  leave_host_only(*this, *storage);
  resize_valid(*storage, memories());
  // What memory m lacks of the rectangle; what it holds through a copy still to run makes the
  // reader wait for that copy (reads do not order each other otherwise).
  std::vector<Rect> missing{rect};
  for (ValidRect& v : storage->valid[m]) {
    if (!v.rect.overlaps(rect)) continue;
    if (v.via) {
      std::lock_guard<std::mutex> lock(v.via->mutex);
      if (v.via->done.load(std::memory_order_acquire)) {
        v.via.reset();
      } else if (reader && v.via != reader) {
        v.via->successors.push_back(reader);
        reader->pending.fetch_add(1, std::memory_order_relaxed);
      }
    }
    std::vector<Rect> next;
    for (const Rect& piece : missing) subtract(piece, v.rect, next);
    missing.swap(next);
  }
  if (missing.empty()) return;
  // ...comes from whichever memories hold its newest values (never written: nothing to copy),
  // those of m's own rank first: a copy there needs no message. Each part comes from one.
  std::vector<Rect> gained;
  const size_t count = storage->valid.size();
  const size_t start = global_memory(rank_of_memory(m), 0);
  for (size_t k = 0; k < count && !missing.empty(); ++k) {
    const size_t from = (start + k) % count;
    if (from == m) continue;
    for (ValidRect& v : storage->valid[from]) {
      if (missing.empty()) break;
      std::vector<Rect> next;
      for (const Rect& piece : missing) {
        Rect part = intersect(piece, v.rect);
        if (part.empty()) {
          next.push_back(piece);
          continue;
        }
        if (v.via && reader && v.via != reader) {  // the source is itself a pending copy
          std::lock_guard<std::mutex> lock(v.via->mutex);
          if (!v.via->done.load(std::memory_order_acquire)) {
            v.via->successors.push_back(reader);
            reader->pending.fetch_add(1, std::memory_order_relaxed);
          }
        }
        copies.push_back(CopyOp{storage, part, from, m, -1, nullptr});
        gained.push_back(part);
        subtract(piece, v.rect, next);
      }
      missing.swap(next);
    }
  }
  for (const Rect& g : gained) {
    if (gained_out) gained_out->emplace_back(m, ValidRect{g, reader});
    else storage->valid[m].push_back(ValidRect{g, reader});
  }
}

template <typename Post>
void Engine::expect(const std::shared_ptr<Node>& reader, Post&& post) {
  // A message is never a dependence: the reader's sends go first, and only its execution waits.
  if (reader) reader->receives.fetch_add(1);
  post([this, reader] {
    counters_.messages_received.fetch_add(1, std::memory_order_relaxed);
    // The last message of a reader that is waiting only for them sends it on.
    if (reader && reader->receives.fetch_sub(1) == 1 && reader->parked.exchange(false)) submit(reader);
  });
}

void Engine::route(std::vector<CopyOp>& copies, size_t first, const std::shared_ptr<Node>& reader) {
  if (ranks_ == 1) return;
  size_t kept = first;
  for (size_t i = first; i < copies.size(); ++i) {
    CopyOp& c = copies[i];
    const int from = rank_of_memory(c.from), to = rank_of_memory(c.to);
    if (from != to) c.tag = next_tag(from, to);
    if (from != rank_ && to != rank_) continue;
    if (from != to && to == rank_) {
      auto staged = std::make_shared<Staged>();
      staged->bytes.resize(sizeof(MessageHeader) + kErrorRoom + c.storage->rect_bytes(c.rect));
      staged->arrived = std::make_shared<RecvNode>();
      const int tag = c.tag;
      expect(reader, [&](auto arrived) { Comm::instance().recv(from, tag, staged->bytes.data(), staged->bytes.size(), [this, staged, arrived](size_t n) {
        staged->received = n;
        complete(staged->arrived);  // for a host read, which waits for it
        arrived();
      }); });
      c.staged = std::move(staged);
    }
    if (kept != i) copies[kept] = std::move(c);
    ++kept;
  }
  copies.resize(kept);
}

Engine::Agreement Engine::begin_agreement() {
  Agreement a;
  if (ranks_ == 1 || js_task_depth > 0) return a;
  a.send_tags.assign(static_cast<size_t>(ranks_), -1);
  a.recv_tags.assign(static_cast<size_t>(ranks_), -1);
  // Every ordered pair, in one order on every rank: the counters stay the same everywhere.
  for (int from = 0; from < ranks_; ++from) {
    for (int to = 0; to < ranks_; ++to) {
      if (from == to) continue;
      const int tag = next_tag(from, to);
      if (from == rank_) a.send_tags[static_cast<size_t>(to)] = tag;
      if (to == rank_) a.recv_tags[static_cast<size_t>(from)] = tag;
    }
  }
  return a;
}

std::shared_ptr<TaskError> Engine::agree(const Agreement& agreement, std::shared_ptr<TaskError> mine) {
  if (agreement.send_tags.empty()) return mine;
  for (int q = 0; q < ranks_; ++q) {
    if (q != rank_) send_values(q, agreement.send_tags[static_cast<size_t>(q)], mine, 0, [](char*) {});
  }
  struct Inbox {
    std::mutex mutex;
    std::condition_variable cv;
    int waiting = 0;
    std::vector<std::vector<char>> bytes;
    std::vector<size_t> received;
  };
  auto inbox = std::make_shared<Inbox>();
  inbox->bytes.resize(static_cast<size_t>(ranks_));
  inbox->received.resize(static_cast<size_t>(ranks_));
  for (int q = 0; q < ranks_; ++q) {
    if (q == rank_) continue;
    auto& into = inbox->bytes[static_cast<size_t>(q)];
    into.resize(sizeof(MessageHeader) + kErrorRoom + 16);
    {
      std::lock_guard<std::mutex> lock(inbox->mutex);
      ++inbox->waiting;
    }
    Comm::instance().recv(q, agreement.recv_tags[static_cast<size_t>(q)], into.data(), into.size(), [this, inbox, q](size_t n) {
      counters_.messages_received.fetch_add(1, std::memory_order_relaxed);
      std::lock_guard<std::mutex> lock(inbox->mutex);
      inbox->received[static_cast<size_t>(q)] = n;
      if (--inbox->waiting == 0) inbox->cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(inbox->mutex);
  inbox->cv.wait(lock, [&] { return inbox->waiting == 0; });
  for (int q = 0; q < ranks_; ++q) {
    if (q == rank_) {
      if (mine) return mine;
      continue;
    }
    size_t at = 0;
    if (auto theirs = read_message(inbox->bytes[static_cast<size_t>(q)].data(), inbox->received[static_cast<size_t>(q)], at)) return theirs;
  }
  return nullptr;
}

bool Engine::host_ready_everywhere(const Storage& storage, const Rect& rect) const {
  if (storage.host_only || rect.empty()) return true;
  // Every rank must hold the rectangle in its own memories (its host's, or copied in there).
  for (int q = 0; q < ranks_; ++q) {
    std::vector<Rect> missing{rect};
    for (size_t l = 0; l < local_memories() && !missing.empty(); ++l) {
      const size_t m = global_memory(q, l);
      if (m >= storage.valid.size()) break;
      for (const ValidRect& v : storage.valid[m]) {
        std::vector<Rect> next;
        for (const Rect& piece : missing) subtract(piece, v.rect, next);
        missing.swap(next);
      }
    }
    if (!missing.empty()) return false;
  }
  return true;
}

void Engine::note_write(Storage& storage, const Rect& rect, size_t m, bool all_ranks) {
  all_ranks = all_ranks && ranks_ > 1;
  if (rect.empty()) return;
  if (storage.host_only && local_of_memory(m) == 0 && (all_ranks || ranks_ == 1)) return;
  leave_host_only(*this, storage);
  resize_valid(storage, memories());
  for (size_t o = 0; o < storage.valid.size(); ++o) {
    std::vector<ValidRect> kept;
    for (const ValidRect& v : storage.valid[o]) {
      std::vector<Rect> parts;
      subtract(v.rect, rect, parts);
      for (const Rect& p : parts) kept.push_back(ValidRect{p, v.via});
    }
    storage.valid[o].swap(kept);
  }
  // The writer's own values: later readers are ordered after it by the dependence analysis.
  if (!all_ranks) {
    storage.valid[m].push_back(ValidRect{rect, nullptr});
  } else {
    for (int q = 0; q < ranks_; ++q) storage.valid[global_memory(q, local_of_memory(m))].push_back(ValidRect{rect, nullptr});
  }
}

bool Engine::hold_rows(const std::shared_ptr<Storage>& storage, size_t m, const Rect& rect, int32_t identity, bool may_wait) {
  Storage& s = *storage;
  if (s.unbound() || s.volume() == 0) return true;
  // Under ranks an instance holds the rows its rank touches (a task body's stores, and a
  // reduction's target: all of them).
  const bool some = ranks_ > 1 && js_task_depth == 0 && identity < 0;
  const auto [lo, hi] = some ? s.rows_of(rect) : std::pair<int64_t, int64_t>{0, s.rows()};
  if (s.covers(m, lo, hi)) return true;
  const bool fresh = !s.has_instance(m);
  if (!fresh) {
    // Growing moves the instance: nothing issued may still use the old one.
    Rect all = everything(static_cast<int32_t>(s.shape().size()));
    if (!idle(s, all)) {
      if (!may_wait) return false;
      std::function<void()> hook;
      {
        std::lock_guard<std::mutex> lock(js_mutex_);
        hook = reclaim_hook_;
      }
      if (hook) hook();
      else fence();
    }
  }
  s.ensure(m, lo, hi);
  // A reduction into a store nothing has written starts from the operator's identity.
  if (identity >= 0 && fresh && m == 0) fill_identity(s.type_code(), identity, s.instance(0), s.volume());
  return true;
}

void Engine::hold(const LaunchState& state) {
  const auto& d = state.desc;
  int64_t points = 1;
  for (int32_t k = 0; k < d.ndim; ++k) points *= d.shape[k];
  for (const auto& arg : d.arguments) {
    // Every rank folds a reduction into its host memory, all of the store.
    if (arg.privilege == kReduce) hold_rows(arg.storage, 0, Rect{}, arg.redop, true);
  }
  // On one rank an instance holds every row, which instance() gives it when the task takes it.
  if (ranks_ == 1) return;
  int64_t point[LEGATE_MAX_DIM] = {};
  for (int64_t i = 0; i < points; ++i) {
    const bool here = state.replicated || state.local || owner_of(static_cast<size_t>(i), static_cast<size_t>(points)) == rank_;
    if (here) {
      const size_t memory = state.local ? 0 : local_of_memory(memory_of(static_cast<size_t>(i), static_cast<size_t>(points), state.replicated));
      for (const auto& arg : d.arguments) {
        if (arg.privilege == kWriteUnbound || arg.privilege == kReduce) continue;
        hold_rows(arg.storage, memory, storage_bounds(arg, view_of(arg, point, static_cast<size_t>(i))), -1, true);
      }
    }
    for (int32_t k = d.ndim; k-- > 0;) {
      if (++point[k] < d.shape[k]) break;
      point[k] = 0;
    }
  }
}

void Engine::ensure_host(const std::shared_ptr<Storage>& storage, const Rect& rect) { hold_rows(storage, 0, rect, -1, true); }

void Engine::acquire_host(const std::shared_ptr<Storage>& storage, const Rect& rect, bool write) {
  ensure_host(storage, rect);
  std::vector<CopyOp> copies;
  const size_t host = global_memory(rank_, 0);
  // A task body's reads are its rank's alone; the program's are every rank's, checked alike.
  const bool everywhere = js_task_depth == 0;
  if (ranks_ > 1 && everywhere && check_replication()) {
    Fnv f;
    f.value(next_launch_);
    f.value(storage->type_code());
    for (int64_t e : storage->shape()) f.value(e);
    f.value(rect.ndim);
    f.add(rect.lo, sizeof rect.lo);
    f.add(rect.hi, sizeof rect.hi);
    if (!Comm::instance().same_everywhere(~f.h)) {
      throw RanksError("the ranks diverged after launch " + std::to_string(next_launch_ - 1) + ": this rank (" +
                               std::to_string(rank_) + " of " + std::to_string(ranks_) +
                               ") read an array from JavaScript, and another rank did something else (LEGATE_CHECK_REPLICATION)");
    }
  }
  plan_read(storage, rect, host, copies, nullptr, everywhere);
  send_copies(copies);
  run_copies(copies);
  if (write) note_write(*storage, rect, host, everywhere);
}

bool Engine::run_node(const std::shared_ptr<Node>& node, const std::function<void()>& body) {
  if (!node->sent) {
    node->sent = true;
    node->send_phase();
  }
  if (node->receives.load() > 0) {
    node->parked.store(true);
    // Unless the last receive came in meanwhile (and left it to this thread), it runs when it does.
    if (!(node->receives.load() == 0 && node->parked.exchange(false))) return false;
  }
  if (body) body();
  else node->execute();
  return true;
}

void Engine::send_copies(const std::vector<CopyOp>& copies) {
  if (ranks_ == 1) return;
  for (const auto& c : copies) {
    if (c.tag < 0 || rank_of_memory(c.from) != rank_) continue;
    send_values(rank_of_memory(c.to), c.tag, find_poison(*c.storage, c.rect), c.storage->rect_bytes(c.rect),
                [&](char* out) { c.storage->pack_rect(c.rect, local_of_memory(c.from), out); });
  }
}

template <typename Fill>
void Engine::send_values(int peer, int tag, const std::shared_ptr<TaskError>& error, size_t bytes, Fill&& fill) {
  // A failure's message carries the error instead of values.
  const size_t payload = error ? 0 : bytes;
  std::vector<char> message;
  const size_t at = start_message(message, error, payload);
  if (payload) fill(message.data() + at);
  counters_.messages_sent.fetch_add(1, std::memory_order_relaxed);
  counters_.bytes_sent.fetch_add(payload, std::memory_order_relaxed);
  Comm::instance().send(peer, tag, std::move(message));
}

void Engine::run_copies(const std::vector<CopyOp>& copies) {
  for (const auto& c : copies) {
    if (c.staged) {
      // A task runs once its messages are in; a host read waits for them here.
      if (!c.staged->arrived->done.load(std::memory_order_acquire)) wait_for({c.staged->arrived});
      size_t at = 0;
      const size_t payload = c.storage->rect_bytes(c.rect);
      // The sender's values were left invalid by a failed task (or the message is bad): so are these.
      if (auto error = read_message(c.staged->bytes.data(), c.staged->received, at, payload)) {
        add_poison(*c.storage, c.rect, error);
        continue;
      }
      c.storage->unpack_rect(c.rect, local_of_memory(c.to), c.staged->bytes.data() + at);
      clear_poison(*c.storage, c.rect);
      counters_.bytes_received.fetch_add(payload, std::memory_order_relaxed);
      continue;
    }
    if (c.tag >= 0) continue;  // a send, done above
    c.storage->copy_rect(c.rect, local_of_memory(c.from), local_of_memory(c.to));
    counters_.copies.fetch_add(1, std::memory_order_relaxed);
    Rect clipped = c.rect;
    for (int32_t d = 0; d < clipped.ndim; ++d) clipped.hi[d] = std::min(clipped.hi[d], c.storage->shape()[d]);
    counters_.bytes_copied.fetch_add(static_cast<uint64_t>(clipped.volume()) * c.storage->itemsize(), std::memory_order_relaxed);
  }
}

int32_t Engine::register_js_task(int32_t library, int32_t task_id, const char* name) {
  if (library < 0 || task_id < 0) return -1;
  if (static_cast<size_t>(library) >= LibraryRegistry::instance().snapshot().size()) return -1;
  std::lock_guard<std::mutex> lock(tasks_mutex_);
  int64_t key = (static_cast<int64_t>(library) << 32) | static_cast<uint32_t>(task_id);
  auto it = tasks_.find(key);
  // A module evaluated again (a worker, a test runner) defines its TypeScript tasks again.
  if (it != tasks_.end() && !it->second.js) return -1;
  tasks_[key] = TaskVariant{name ? name : "task", nullptr, true, key};
  return 0;
}

void Engine::set_js_signal(std::function<void()> signal) {
  std::lock_guard<std::mutex> lock(js_mutex_);
  js_signal_ = std::move(signal);
}


void Engine::set_reclaim_hook(std::function<void()> hook) {
  std::lock_guard<std::mutex> lock(js_mutex_);
  reclaim_hook_ = std::move(hook);
}

void Engine::reclaim() {
  if (js_task_depth == 0) {
    std::function<void()> hook;
    {
      std::lock_guard<std::mutex> lock(js_mutex_);
      hook = reclaim_hook_;
    }
    if (hook) hook();
    else fence();
  }
  RuntimeState::instance().trim_all();
}

size_t Engine::run_js_tasks(const JsRunner& runner) {
  size_t ran = 0;
  for (;;) {
    std::shared_ptr<Node> node;
    {
      std::lock_guard<std::mutex> lock(js_mutex_);
      if (js_ready_.empty()) return ran;
      node = js_ready_.front();
      js_ready_.erase(js_ready_.begin());
    }
    bool ran_here = false;
    ++js_task_depth;
    run_node(node, [&] {
      static_cast<PointTask*>(node.get())->run(runner);
      ran_here = true;
    });
    --js_task_depth;
    if (!ran_here) continue;  // waits for messages
    complete(node);
    ++ran;
  }
}

void Engine::wait_for_running_js(const std::vector<std::shared_ptr<Node>>& nodes, const JsRunner& runner) {
  for (auto& n : nodes) {
    for (;;) {
      if (n->done.load(std::memory_order_acquire)) break;
      if (run_js_tasks(runner) > 0) continue;
      std::unique_lock<std::mutex> lock(done_mutex_);
      done_cv_.wait(lock, [&] {
        if (n->done.load(std::memory_order_acquire)) return true;
        std::lock_guard<std::mutex> js(js_mutex_);
        return !js_ready_.empty();
      });
    }
  }
}

void Engine::set_window(int64_t launches, int64_t bytes) {
  window_launches_.store(std::max<int64_t>(1, launches), std::memory_order_relaxed);
  window_bytes_.store(std::max<int64_t>(1, bytes), std::memory_order_relaxed);
}

bool Engine::over_window(bool resuming) const {
  const int64_t launches = window_launches_.load(std::memory_order_relaxed);
  const int64_t bytes = window_bytes_.load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(pending_mutex_);
  const int64_t n = static_cast<int64_t>(pending_.size());
  // Past the window, issuing waits until half of it has drained: one wait per half window,
  // not one hand-off per launch. A launch bigger than the byte window waits for itself.
  if (resuming) return n > launches / 2 || pending_bytes_ > bytes / 2;
  return n > launches || pending_bytes_ > bytes;
}

void Engine::throttle(const JsRunner& runner) {
  if (js_task_depth > 0 || !over_window(false)) return;  // a TypeScript task cannot wait for its own launch
  counters_.throttled.fetch_add(1, std::memory_order_relaxed);
  for (;;) {
    if (!over_window(true)) return;
    if (run_js_tasks(runner) > 0) continue;
    std::unique_lock<std::mutex> lock(done_mutex_);
    done_cv_.wait(lock, [&] {
      if (!over_window(true)) return true;
      std::lock_guard<std::mutex> js(js_mutex_);
      return !js_ready_.empty();
    });
  }
}

void Engine::fence_running_js(const JsRunner& runner) {
  for (;;) {
    {
      std::lock_guard<std::mutex> p(pending_mutex_);
      if (pending_.empty()) return;
    }
    if (run_js_tasks(runner) > 0) continue;
    std::unique_lock<std::mutex> lock(done_mutex_);
    done_cv_.wait(lock, [&] {
      std::lock_guard<std::mutex> p(pending_mutex_);
      if (pending_.empty()) return true;
      std::lock_guard<std::mutex> js(js_mutex_);
      return !js_ready_.empty();
    });
  }
}

bool Engine::complete(const std::shared_ptr<Node>& node, const Node* run_here) {
  std::vector<std::shared_ptr<Node>> successors;
  std::shared_ptr<LaunchState> launch;
  if (auto* p = dynamic_cast<PointTask*>(node.get())) launch = p->launch;
  if (auto* f = dynamic_cast<FoldNode*>(node.get())) launch = f->launch;
  node->release();
  {
    std::lock_guard<std::mutex> lock(node->mutex);
    node->done.store(true, std::memory_order_release);
    successors.swap(node->successors);
  }
  std::shared_ptr<Node> here;
  for (auto& s : successors) {
    if (s->pending.fetch_sub(1, std::memory_order_acq_rel) != 1) continue;
    if (s.get() == run_here) here = s;
    else submit(s);
  }
  if (launch && launch->remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    pending_.erase(std::find(pending_.begin(), pending_.end(), launch->id));
    pending_bytes_ -= launch->output_bytes;
  }
  {
    std::lock_guard<std::mutex> lock(done_mutex_);
  }
  done_cv_.notify_all();
  if (!here) return false;
  counters_.inline_tasks.fetch_add(1, std::memory_order_relaxed);
  if (!run_node(here)) return false;
  complete(here);
  return true;
}

std::vector<std::shared_ptr<Node>> Engine::pending(const Storage& storage, const Rect& rect) const {
  std::vector<std::shared_ptr<Node>> nodes;
  for (auto& group : storage.history) {
    if (!group.bounds.overlaps(rect)) continue;
    for_each_candidate(group, rect, [&](const auto& r) {
      if (r.first.overlaps(rect) && !r.second->done.load(std::memory_order_acquire)) nodes.push_back(r.second);
    });
  }
  return nodes;
}

void Engine::wait_for(const std::vector<std::shared_ptr<Node>>& nodes) {
  std::unique_lock<std::mutex> lock(done_mutex_);
  for (auto& n : nodes) done_cv_.wait(lock, [&] { return n->done.load(std::memory_order_acquire); });
}

std::shared_ptr<TaskError> Engine::poison_of(Storage& storage, const Rect& rect) const { return find_poison(storage, rect); }

std::shared_ptr<TaskError> Engine::wait(const std::shared_ptr<Storage>& storage, const Rect& rect) {
  wait_for(pending(*storage, rect));
  return find_poison(*storage, rect);
}

void Engine::fence() {
  std::unique_lock<std::mutex> lock(done_mutex_);
  done_cv_.wait(lock, [&] {
    std::lock_guard<std::mutex> p(pending_mutex_);
    return pending_.empty();
  });
}

uint64_t Engine::oldest_pending() const {
  std::lock_guard<std::mutex> lock(pending_mutex_);
  // Ids are added in increasing order and removed in place: the first is the oldest.
  uint64_t oldest = pending_.empty() ? next_launch_ : pending_.front();
  if (!held_.empty()) oldest = std::min(oldest, held_.front().id);
  // A speculation's operations may still run (and fail, naming their launches).
  for (const auto& s : speculative_) oldest = std::min(oldest, s.oldest);
  return oldest;
}

void Engine::record_failed_launch(uint64_t id) {
  std::lock_guard<std::mutex> lock(failed_mutex_);
  failed_launches_.push_back(id);
  if (failed_launches_.size() > 1024) failed_launches_.erase(failed_launches_.begin());
  failed_launch_count_.fetch_add(1, std::memory_order_release);
}

std::vector<uint64_t> Engine::failed_launches() const {
  std::lock_guard<std::mutex> lock(failed_mutex_);
  return failed_launches_;
}

void* create_output_buffer(legate_task_context* context, int32_t output, int64_t count) {
  if (context == nullptr || context->runtime_private == nullptr) return nullptr;
  auto* priv = static_cast<ContextPrivate*>(context->runtime_private);
  if (output < 0 || output >= context->num_outputs || context->outputs[output].shape[0] != -1 || count < 0) {
    task_fail(context, "create_output_buffer: not an unbound output, or a negative count");
    return nullptr;
  }
  // The output's place among the launch's unbound outputs.
  size_t u = 0;
  int32_t seen = 0;
  for (auto& arg : priv->launch->desc.arguments) {
    if (arg.privilege == kRead || arg.privilege == kReduce) continue;
    if (seen++ == output) break;
    u += arg.privilege == kWriteUnbound;
  }
  auto& piece = priv->launch->pieces[u][priv->point];
  if (piece.data != nullptr || piece.bytes != 0) {
    task_fail(context, "create_output_buffer: called twice for one output");
    return nullptr;
  }
  const size_t itemsize = itemsize_of(context->outputs[output].type_code);
  piece.bytes = static_cast<size_t>(count) * itemsize;
  piece.data = piece.bytes ? static_cast<char*>(RuntimeState::instance().host_allocator.allocate(piece.bytes)) : nullptr;
  auto* out = const_cast<legate_physical_store*>(&context->outputs[output]);
  out->data = piece.data;
  out->shape[0] = count;
  static char empty_piece;  // a valid pointer for a piece of no elements
  return piece.data != nullptr ? piece.data : &empty_piece;
}

std::pair<int32_t, int32_t> task_of(const legate_task_context* context) {
  const auto* priv = static_cast<const ContextPrivate*>(context->runtime_private);
  return {priv->launch->desc.library, priv->launch->desc.task};
}

size_t itemsize_of_code(int32_t type_code) { return itemsize_of(type_code); }

void task_fail(legate_task_context* context, const char* message) {
  if (context == nullptr || context->runtime_private == nullptr) return;
  auto* priv = static_cast<ContextPrivate*>(context->runtime_private);
  priv->failed = true;
  priv->failure = message ? message : "task failed";
}

// --- Fusion (DESIGN §5) ---------------------------------------------------------------------
// Elementwise launches are held (may_hold) and issued by flush_held(): runs of them whose
// arguments are aligned and free of hazards become one launch of the fused task, whose single
// scalar is the program below. Per point it walks the piece in blocks (fused_block) and runs
// every operation of the run over one block before the next, so what one operation writes is
// in cache when the next reads it, and a temporary (a storage only the run uses) lives in a
// block-sized buffer and is never allocated at all.
//
// The program, in int64 words: the operations, the temporaries, each temporary's type code;
// then per operation its variant (the address of its TaskVariant), its launch id, its input and
// output counts, one reference per input and output (index << 3 | 4 for an output the operation
// also reads | kind: 0 an input of the fused task, 1 an output of it, 2 a temporary), its scalar
// count and each scalar as its byte size and then its bytes, padded to whole words.

namespace {

// A block's elements: what keeps every array the run touches within half of a core's L2 cache
// (1 MiB here), from 1,024 to 65,536 elements (fewer calls per element against more cache).
int64_t fused_block(int64_t bytes_per_element) {
  static const int64_t budget = [] {
    const char* text = std::getenv("LEGATE_FUSED_BLOCK_BYTES");  // for measuring; not documented
    if (text != nullptr && std::atoll(text) > 0) return static_cast<int64_t>(std::atoll(text));
    const long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    return l2 > 0 ? static_cast<int64_t>(l2) / 2 : int64_t{512} << 10;
  }();
  return std::clamp<int64_t>(budget / std::max<int64_t>(1, bytes_per_element), 1024, 65536);
}

struct FusedOp {
  const TaskVariant* variant = nullptr;
  uint64_t launch = 0;
  int32_t num_inputs = 0, num_outputs = 0;
  const int64_t* refs = nullptr;
  std::vector<const void*> scalars;
  std::vector<uint64_t> scalar_sizes;
};

// Whether two arguments address the same elements of the same storage in the same order.
bool same_view(const ArgumentDesc& a, const ArgumentDesc& b) {
  if (a.storage != b.storage || a.ndim != b.ndim || a.flat != b.flat) return false;
  const int32_t sdim = a.flat ? 1 : static_cast<int32_t>(a.storage->shape().size());
  for (int32_t v = 0; v < a.ndim; ++v) {
    if (a.shape[v] != b.shape[v]) return false;
  }
  for (int32_t s = 0; s < sdim; ++s) {
    if (a.offset[s] != b.offset[s]) return false;
    for (int32_t v = 0; v < a.ndim; ++v) {
      if (a.matrix[s][v] != b.matrix[s][v]) return false;
    }
  }
  return true;
}

bool same_tiling(const ArgumentDesc& a, const ArgumentDesc& b) {
  if (a.ndim != b.ndim) return false;
  for (int32_t v = 0; v < a.ndim; ++v) {
    const auto &p = a.partition[v], &q = b.partition[v];
    if (a.shape[v] != b.shape[v] || p.color_dim != q.color_dim || p.tile != q.tile || p.offset != q.offset) return false;
  }
  return true;
}

// The box of the storage an argument's whole view reaches.
Rect whole_bounds(const ArgumentDesc& arg) {
  Rect view;
  view.ndim = arg.ndim;
  for (int32_t v = 0; v < arg.ndim; ++v) view.hi[v] = arg.shape[v];
  return storage_bounds(arg, view);
}

bool writes(int32_t privilege) { return privilege == kWrite || privilege == kReadWrite; }

void put_word(std::vector<char>& out, int64_t w) {
  const size_t at = out.size();
  out.resize(at + sizeof w);
  std::memcpy(out.data() + at, &w, sizeof w);
}

// The elements of a piece's block: `index` the block's first element along dimensions
// [0, split], `length` its extent along `split` (it spans every dimension after).
legate_physical_store block_of(const legate_physical_store& piece, int32_t split, const int64_t* index, int64_t length) {
  legate_physical_store b = piece;
  int64_t off = 0;
  for (int32_t d = 0; d <= split; ++d) {
    off += index[d] * piece.strides[d];
    b.offset[d] = piece.offset[d] + index[d];
    b.shape[d] = d == split ? length : 1;
  }
  b.data = static_cast<char*>(piece.data) + off * static_cast<int64_t>(itemsize_of(piece.type_code));
  return b;
}

}  // namespace

void fused_task(legate_task_context* ctx) {
  auto* priv = static_cast<ContextPrivate*>(ctx->runtime_private);
  std::vector<int64_t> words(ctx->scalar_sizes[0] / sizeof(int64_t));
  std::memcpy(words.data(), ctx->scalars[0], words.size() * sizeof(int64_t));
  size_t at = 0;
  const int64_t num_ops = words[at++], num_temps = words[at++];
  std::vector<int32_t> temp_types(static_cast<size_t>(num_temps));
  for (auto& t : temp_types) t = static_cast<int32_t>(words[at++]);
  std::vector<FusedOp> ops(static_cast<size_t>(num_ops));
  for (auto& op : ops) {
    op.variant = reinterpret_cast<const TaskVariant*>(static_cast<uintptr_t>(words[at++]));
    op.launch = static_cast<uint64_t>(words[at++]);
    op.num_inputs = static_cast<int32_t>(words[at++]);
    op.num_outputs = static_cast<int32_t>(words[at++]);
    op.refs = words.data() + at;
    at += static_cast<size_t>(op.num_inputs + op.num_outputs);
    const int64_t num_scalars = words[at++];
    for (int64_t k = 0; k < num_scalars; ++k) {
      const int64_t size = words[at++];
      op.scalars.push_back(words.data() + at);
      op.scalar_sizes.push_back(static_cast<uint64_t>(size));
      at += static_cast<size_t>((size + 7) / 8);
    }
  }
  // Every argument's piece has the same shape (the launch was fused only so).
  const legate_physical_store& any = ctx->num_outputs > 0 ? ctx->outputs[0] : ctx->inputs[0];
  const int32_t nd = any.ndim;
  int64_t count = 1;
  for (int32_t d = 0; d < nd; ++d) count *= any.shape[d];
  if (count == 0) return;
  // Blocks: whole trailing dimensions, as many of them as fit, and a range of the next one.
  int64_t bytes_per_element = 0;
  for (int32_t k = 0; k < ctx->num_inputs; ++k) bytes_per_element += static_cast<int64_t>(itemsize_of(ctx->inputs[k].type_code));
  for (int32_t k = 0; k < ctx->num_outputs; ++k) bytes_per_element += static_cast<int64_t>(itemsize_of(ctx->outputs[k].type_code));
  for (int32_t t : temp_types) bytes_per_element += static_cast<int64_t>(itemsize_of(t));
  const int64_t block_limit = fused_block(bytes_per_element);
  int32_t split = 0;
  int64_t inner = count;
  if (nd > 0) {
    inner = 1;
    split = nd - 1;
    while (split > 0 && inner * any.shape[split] <= block_limit) inner *= any.shape[split--];
  }
  const int64_t length = nd == 0 ? 1 : std::min(any.shape[split], std::max<int64_t>(1, block_limit / inner));
  const int64_t block_elements = length * inner;
  int64_t blocks = nd == 0 ? 1 : (any.shape[split] + length - 1) / length;
  for (int32_t d = 0; d < split; ++d) blocks *= any.shape[d];
  std::vector<std::unique_ptr<char[]>> temp_memory;
  for (int32_t t : temp_types) temp_memory.emplace_back(new char[static_cast<size_t>(block_elements) * itemsize_of(t)]);

  std::vector<legate_physical_store> inputs(static_cast<size_t>(ctx->num_inputs)), outputs(static_cast<size_t>(ctx->num_outputs));
  std::vector<legate_physical_store> temps(static_cast<size_t>(num_temps));
  std::vector<legate_physical_store> op_inputs, op_outputs;
  // A failed operation: it and every operation that reads what it wrote stop running; what they
  // write is left invalid (tainted), the rest of the run goes on.
  // tainted_*: 1 + the operation that left the output (or temporary) invalid, 0 while valid.
  std::vector<char> dead(ops.size(), 0);
  std::vector<size_t> tainted_temp(temps.size(), 0), tainted_out(outputs.size(), 0);
  size_t first_failed = ops.size();
  std::string failure;
  auto ref_store = [&](int64_t ref) -> const legate_physical_store& {
    const size_t i = static_cast<size_t>(ref >> 3);
    return (ref & 3) == 0 ? inputs[i] : (ref & 3) == 1 ? outputs[i] : temps[i];
  };
  // Null for an input of the fused task (a failure before it stops the whole task).
  auto taint_of = [&](int64_t ref) -> size_t* {
    const size_t i = static_cast<size_t>(ref >> 3);
    return (ref & 3) == 1 ? &tainted_out[i] : (ref & 3) == 2 ? &tainted_temp[i] : nullptr;
  };
  auto tainted = [&](int64_t ref) {
    const size_t* t = taint_of(ref);
    return t != nullptr && *t != 0;
  };
  // What operation o leaves behind: invalid when it failed or did not run; valid again when it
  // wrote it whole (an output it does not read) after the operation that left it invalid.
  auto mark = [&](const FusedOp& op, size_t o, bool valid) {
    for (int32_t k = op.num_inputs; k < op.num_inputs + op.num_outputs; ++k) {
      size_t* t = taint_of(op.refs[k]);
      if (!valid) *t = o + 1;
      else if ((op.refs[k] & 4) == 0 && *t != 0 && *t <= o) *t = 0;
    }
  };

  int64_t index[LEGATE_MAX_DIM] = {};
  for (int64_t block = 0; block < blocks; ++block) {
    const int64_t len = nd == 0 ? 1 : std::min(length, any.shape[split] - index[split]);
    for (size_t k = 0; k < inputs.size(); ++k) inputs[k] = nd == 0 ? ctx->inputs[k] : block_of(ctx->inputs[k], split, index, len);
    for (size_t k = 0; k < outputs.size(); ++k) outputs[k] = nd == 0 ? ctx->outputs[k] : block_of(ctx->outputs[k], split, index, len);
    for (size_t t = 0; t < temps.size(); ++t) {
      legate_physical_store& ps = temps[t];
      ps = nd == 0 ? any : block_of(any, split, index, len);
      ps.type_code = temp_types[t];
      ps.data = temp_memory[t].get();
      int64_t stride = 1;
      for (int32_t d = nd; d-- > 0;) {
        ps.strides[d] = stride;
        stride *= ps.shape[d];
      }
    }
    for (size_t o = 0; o < ops.size(); ++o) {
      FusedOp& op = ops[o];
      if (dead[o]) continue;
      op_inputs.clear();
      op_outputs.clear();
      bool reads_tainted = false;
      for (int32_t k = 0; k < op.num_inputs; ++k) {
        op_inputs.push_back(ref_store(op.refs[k]));
        reads_tainted = reads_tainted || tainted(op.refs[k]);
      }
      for (int32_t k = op.num_inputs; k < op.num_inputs + op.num_outputs; ++k) {
        op_outputs.push_back(ref_store(op.refs[k]));
        reads_tainted = reads_tainted || ((op.refs[k] & 4) != 0 && tainted(op.refs[k]));
      }
      if (reads_tainted) {  // what it reads a failed operation left invalid: as unfused, it does not run
        dead[o] = 1;
        mark(op, o, false);
        continue;
      }
      legate_task_context sub = *ctx;
      ContextPrivate inner{priv->launch, priv->point, {}, false};
      sub.num_inputs = op.num_inputs;
      sub.num_outputs = op.num_outputs;
      sub.num_reductions = 0;
      sub.inputs = op_inputs.data();
      sub.outputs = op_outputs.data();
      sub.reductions = nullptr;
      sub.num_scalars = static_cast<int32_t>(op.scalars.size());
      sub.scalars = op.scalars.data();
      sub.scalar_sizes = op.scalar_sizes.data();
      sub.runtime_private = &inner;
      if (!run_body(op.variant->cpu, &sub, inner, op.variant->name, op.launch)) {
        mark(op, o, true);
        continue;
      }
      dead[o] = 1;
      mark(op, o, false);
      if (o < first_failed) {
        first_failed = o;
        failure = inner.failure;
      }
    }
    // The next block.
    for (int32_t d = split;; --d) {
      if (d < 0) break;
      index[d] += d == split ? len : 1;
      if (index[d] < any.shape[d] || d == 0) break;
      index[d] = 0;
    }
  }
  if (first_failed == ops.size()) return;
  priv->failed = true;
  priv->failure = failure;
  priv->failed_task = &ops[first_failed].variant->name;
  priv->failed_launch = ops[first_failed].launch;
  priv->output_clean.assign(outputs.size(), 0);
  for (size_t k = 0; k < outputs.size(); ++k) priv->output_clean[k] = tainted_out[k] ? 0 : 1;
}

bool Engine::may_hold(const LaunchDesc& desc, const TaskVariant& variant, int64_t points) const {
  if (!fusion_ || !variant.elementwise || variant.js || ranks_ > 1 || js_task_depth > 0 || desc.arguments.empty()) return false;
  const ArgumentDesc& first = desc.arguments[0];
  int64_t volume = 1;
  for (int32_t v = 0; v < first.ndim; ++v) volume *= first.shape[v];
  // Small launches run at once (run_immediate): holding them would cost more than it saves.
  if (points == 1 && volume * static_cast<int64_t>(desc.arguments.size()) <= inline_limit_.load(std::memory_order_relaxed)) return false;
  // An output too large to allocate fails at its launch, not at a later flush.
  static const uint64_t physical = [] {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) : uint64_t{1} << 62;
  }();
  for (const auto& arg : desc.arguments) {
    if (arg.privilege != kRead && arg.privilege != kWrite && arg.privilege != kReadWrite) return false;
    if (!arg.pieces.empty() || !same_tiling(arg, first)) return false;
    for (int32_t v = 0; v < arg.ndim; ++v) {
      if (arg.partition[v].low != 0 || arg.partition[v].high != 0) return false;
    }
    if (arg.privilege != kRead && !arg.storage->allocated() && arg.storage->bytes() > physical / 4) return false;
  }
  return true;
}

JsRunner Engine::js_runner_or_refusal() const {
  if (js_runner_) return js_runner_;
  return [](legate_task_context*) { throw std::runtime_error("no TypeScript task runner"); };
}

void Engine::set_fusion(bool on) {
  flush_held();
  fusion_ = on;
}

void Engine::flush_held(size_t keep) {
  if (held_.size() <= keep || js_task_depth > 0) return;
  std::vector<HeldLaunch> held;
  held.swap(held_);
  flushing_ = &held;  // forget() looks here too while the flush runs TypeScript tasks
  struct Done {
    const std::vector<HeldLaunch>*& flushing;
    ~Done() { flushing = nullptr; }
  } done{flushing_};
  size_t first = 0;
  while (first < held.size() && held.size() - first > keep) {
    // The longest run from `first` that fuses: the same grid and tiling, and no storage written
    // through one view and reached through another that overlaps it (NumPy's result then
    // depends on the order of whole operations, which a blocked run does not keep).
    const LaunchDesc& lead = held[first].desc;
    size_t last = first + 1;
    for (; last < held.size() && last - first < kMaxFusedOps; ++last) {
      const LaunchDesc& next = held[last].desc;
      bool joins = next.ndim == lead.ndim && std::equal(next.shape, next.shape + next.ndim, lead.shape) &&
                   same_tiling(next.arguments[0], lead.arguments[0]);
      for (size_t k = first; joins && k < last; ++k) {
        for (const auto& a : next.arguments) {
          for (const auto& b : held[k].desc.arguments) {
            if (a.storage != b.storage || same_view(a, b) || !(writes(a.privilege) || writes(b.privilege))) continue;
            if (whole_bounds(a).overlaps(whole_bounds(b))) joins = false;
          }
        }
      }
      if (!joins) break;
    }
    try {
      issue_group(held, first, last);
    } catch (const std::exception& e) {
      fail_group(held, first, last, e.what());
    }
    // Its storages go with it: a temporary written by the run is freed when the run is done.
    for (size_t k = first; k < last; ++k) held[k].desc = LaunchDesc{};
    first = last;
    // The window bounds what a flush issues too (its launches' outputs are allocated now).
    if (window_full()) throttle(js_runner_or_refusal());
  }
  // What stays held goes back, in order (nothing was held meanwhile: only this thread holds).
  for (size_t k = first; k < held.size(); ++k) held_.push_back(std::move(held[k]));
}

void Engine::fail_group(std::vector<HeldLaunch>& held, size_t first, size_t last, const std::string& message) {
  for (size_t k = first; k < last; ++k) {
    auto error = std::make_shared<TaskError>(TaskError{message, held[k].variant->name, held[k].id});
    for (const auto& arg : held[k].desc.arguments) {
      if (writes(arg.privilege)) add_poison(*arg.storage, whole_bounds(arg), error);
    }
    record_failed_launch(held[k].id);
  }
}

// The launch that runs operations `ops` of `held` (in order) with `temps` in block buffers: the
// one operation's own launch (a copy of its descriptor) when it is alone and there is no
// temporary, unless `always`, else a fused launch (whose program names each operation's launch,
// which a failure reports). Its variant goes to `variant`.
LaunchDesc Engine::fused_launch(const std::vector<HeldLaunch>& held, const std::vector<size_t>& ops,
                                const std::vector<std::shared_ptr<Storage>>& temps, const TaskVariant*& variant, bool always) const {
  if (ops.size() == 1 && temps.empty() && !always) {
    variant = held[ops[0]].variant;
    return held[ops[0]].desc;
  }
  auto temp_index = [&](const Storage* s) -> int64_t {
    for (size_t t = 0; t < temps.size(); ++t) {
      if (temps[t].get() == s) return static_cast<int64_t>(t);
    }
    return -1;
  };
  // The fused launch's arguments: one per storage and view, reading when an operation reads it
  // before any earlier one wrote it (an in-place update lists its output first: its read still
  // needs the values from before), writing when one writes it.
  LaunchDesc fused;
  fused.library = -1;
  fused.task = 0;
  fused.ndim = held[ops[0]].desc.ndim;
  std::copy(held[ops[0]].desc.shape, held[ops[0]].desc.shape + LEGATE_MAX_DIM, fused.shape);
  std::vector<std::vector<int64_t>> arg_of(ops.size());  // per operation and argument: its fused argument, or -1 - temp
  for (size_t i = 0; i < ops.size(); ++i) {
    const auto& args = held[ops[i]].desc.arguments;
    for (const auto& arg : args) {
      const int64_t t = temp_index(arg.storage.get());
      if (t >= 0) {
        arg_of[i].push_back(-1 - t);
        continue;
      }
      size_t f = 0;
      while (f < fused.arguments.size() && !same_view(fused.arguments[f], arg)) ++f;
      if (f == fused.arguments.size()) {
        bool reads = false;
        for (const auto& other : args) reads = reads || (same_view(other, arg) && other.privilege != kWrite);
        fused.arguments.push_back(arg);
        fused.arguments.back().privilege = !reads ? kWrite : writes(arg.privilege) ? kReadWrite : arg.privilege;
      }
      int32_t& p = fused.arguments[f].privilege;
      if (p == kRead && writes(arg.privilege)) p = kReadWrite;
      arg_of[i].push_back(static_cast<int64_t>(f));
    }
  }
  // Where each fused argument lands in a point task's lists: inputs the read-only ones, outputs
  // the rest, each in argument order.
  std::vector<int64_t> slot(fused.arguments.size());
  int64_t num_in = 0, num_out = 0;
  for (size_t f = 0; f < fused.arguments.size(); ++f) {
    slot[f] = fused.arguments[f].privilege == kRead ? (num_in++ << 3) : ((num_out++ << 3) | 1);
  }
  std::vector<char> program;
  put_word(program, static_cast<int64_t>(ops.size()));
  put_word(program, static_cast<int64_t>(temps.size()));
  for (const auto& t : temps) put_word(program, t->type_code());
  for (size_t i = 0; i < ops.size(); ++i) {
    const auto& desc = held[ops[i]].desc;
    put_word(program, static_cast<int64_t>(reinterpret_cast<uintptr_t>(held[ops[i]].variant)));
    put_word(program, static_cast<int64_t>(held[ops[i]].id));
    int64_t ins = 0, outs = 0;
    for (const auto& arg : desc.arguments) (arg.privilege == kRead ? ins : outs) += 1;
    put_word(program, ins);
    put_word(program, outs);
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t a = 0; a < desc.arguments.size(); ++a) {
        if ((desc.arguments[a].privilege == kRead) != (pass == 0)) continue;
        const int64_t f = arg_of[i][a];
        const int64_t read_too = desc.arguments[a].privilege == kReadWrite ? 4 : 0;
        put_word(program, (f < 0 ? (((-1 - f) << 3) | 2) : slot[static_cast<size_t>(f)]) | read_too);
      }
    }
    put_word(program, static_cast<int64_t>(desc.scalars.size()));
    for (const auto& scalar : desc.scalars) {
      put_word(program, static_cast<int64_t>(scalar.size()));
      const size_t at = program.size();
      program.resize(at + (scalar.size() + 7) / 8 * 8, 0);
      if (!scalar.empty()) std::memcpy(program.data() + at, scalar.data(), scalar.size());
    }
  }
  fused.scalars.push_back(std::move(program));
  variant = &fused_variant_;
  return fused;
}

void Engine::issue_group(std::vector<HeldLaunch>& held, size_t first, size_t last) {
  // What the run writes may be an input of a speculation, or what it reads a speculation's
  // result: those are computed first, before the run (in program order).
  for (size_t k = first; k < last; ++k) settle(held[k].desc);
  // Storages this run may keep to itself (`temps`): JavaScript released them (no handle reaches
  // them again; under ranks only by an explicit release, which every rank makes alike), every
  // operation of the run reaches them through one view, the first of them writes it whole, and
  // no held launch after the run uses them. The same but still referenced from JavaScript
  // (`maybe`): kept to itself speculatively, with the launch that computes it when it is needed.
  std::vector<std::shared_ptr<Storage>> temps, maybe;
  std::vector<const Storage*> seen;
  for (size_t k = first; k < last; ++k) {
    const auto& args = held[k].desc.arguments;
    for (const auto& arg : args) {
      Storage* s = arg.storage.get();
      if (std::find(seen.begin(), seen.end(), s) != seen.end()) continue;
      seen.push_back(s);
      if (s->attached() || (ranks_ > 1 && s->collected.load(std::memory_order_relaxed))) continue;
      // The first operation that reaches it only writes it (an in-place update reads what was there).
      if (std::any_of(args.begin(), args.end(), [&](const ArgumentDesc& a) { return a.storage.get() == s && a.privilege != kWrite; })) continue;
      bool only = true;
      for (size_t j = first; only && j < held.size(); ++j) {
        for (const auto& other : held[j].desc.arguments) {
          if (other.storage.get() == s && (j >= last || !same_view(other, arg))) only = false;
        }
      }
      if (!only) continue;
      if (s->released.load(std::memory_order_acquire)) temps.push_back(arg.storage);
      else if (ranks_ == 1 && !s->scoped.load(std::memory_order_relaxed) && speculative_.size() + maybe.size() < kMaxSpeculations) {
        maybe.push_back(arg.storage);
      }
    }
  }
  auto in = [](const std::vector<std::shared_ptr<Storage>>& list, const Storage* s) {
    return std::any_of(list.begin(), list.end(), [&](const auto& p) { return p.get() == s; });
  };
  auto written_in_run = [&](const Storage* s) {
    for (size_t k = first; k < last; ++k) {
      for (const auto& arg : held[k].desc.arguments) {
        if (arg.storage.get() == s && arg.privilege != kRead) return true;
      }
    }
    return false;
  };
  // A speculation's operations: those that write it and, through temporaries, what they read.
  // It stands only if they read nothing the run writes (its values then would be the run's
  // last, not those it read) and write nothing but temporaries: recomputed later, from inputs
  // no launch has changed since (any write to one computes it first), they give the same bits.
  std::vector<std::vector<size_t>> slices;
  for (bool changed = true; changed;) {
    changed = false;
    slices.assign(maybe.size(), {});
    for (size_t m = 0; m < maybe.size(); ++m) {
      std::vector<char> in_slice(last - first, 0);
      std::vector<const Storage*> wanted{maybe[m].get()};
      bool stands = true;
      for (size_t k = last; stands && k-- > first;) {
        const auto& args = held[k].desc.arguments;
        const bool produces = std::any_of(args.begin(), args.end(), [&](const ArgumentDesc& a) {
          return a.privilege != kRead && std::find(wanted.begin(), wanted.end(), a.storage.get()) != wanted.end();
        });
        if (!produces) continue;
        in_slice[k - first] = 1;
        for (const auto& a : args) {
          const Storage* s = a.storage.get();
          const bool elided = in(temps, s) || in(maybe, s);
          if (a.privilege != kRead && !elided) stands = false;  // it writes something kept
          if (a.privilege == kRead && !elided && written_in_run(s)) stands = false;
          if (a.privilege != kWrite && elided) wanted.push_back(s);
        }
      }
      if (!stands) {
        maybe.erase(maybe.begin() + static_cast<std::ptrdiff_t>(m));
        changed = true;
        break;
      }
      for (size_t k = first; k < last; ++k) {
        if (in_slice[k - first]) slices[m].push_back(k);
      }
    }
  }
  std::vector<std::shared_ptr<Storage>> elided = temps;
  elided.insert(elided.end(), maybe.begin(), maybe.end());
  // Operations whose results nothing reads: every output a temporary (or a speculation) no
  // later operation of the run reads.
  std::vector<size_t> live;
  {
    std::vector<const Storage*> needed;
    std::vector<char> is_live(last - first, 0);
    for (size_t k = last; k-- > first;) {
      const auto& args = held[k].desc.arguments;
      for (const auto& arg : args) {
        if (!writes(arg.privilege)) continue;
        const Storage* s = arg.storage.get();
        if (!in(elided, s) || std::find(needed.begin(), needed.end(), s) != needed.end()) is_live[k - first] = 1;
      }
      if (!is_live[k - first]) continue;
      for (const auto& arg : args) {
        if (arg.privilege != kWrite && in(elided, arg.storage.get())) needed.push_back(arg.storage.get());
      }
    }
    for (size_t k = first; k < last; ++k) {
      if (is_live[k - first]) live.push_back(k);
    }
  }
  if (last - first > 1 || !elided.empty()) counters_.fused_launches.fetch_add(last - first, std::memory_order_relaxed);
  uint64_t elided_bytes = 0;
  for (const auto& t : elided) elided_bytes += t->bytes();
  counters_.elided_temporaries.fetch_add(elided.size(), std::memory_order_relaxed);
  counters_.elided_bytes.fetch_add(elided_bytes, std::memory_order_relaxed);
  // Each speculation's launch: its operations, its own result as their one output.
  for (size_t m = 0; m < maybe.size(); ++m) {
    std::vector<std::shared_ptr<Storage>> inner;
    std::vector<std::shared_ptr<Storage>> inputs;
    for (size_t k : slices[m]) {
      for (const auto& a : held[k].desc.arguments) {
        const Storage* s = a.storage.get();
        if (s == maybe[m].get()) continue;
        if (in(elided, s)) {
          if (!in(inner, s)) inner.push_back(a.storage);
        } else if (!in(inputs, s)) {
          inputs.push_back(a.storage);
        }
      }
    }
    Speculation spec;
    spec.target = maybe[m];
    spec.inputs = std::move(inputs);
    // Fused even when alone: the launch gets an id of its own, its program the operations'.
    spec.desc = fused_launch(held, slices[m], inner, spec.variant, true);
    spec.oldest = held[slices[m].front()].id;
    speculative_.push_back(std::move(spec));
  }
  if (live.empty()) return;  // nothing it computes is seen now
  std::vector<std::shared_ptr<Storage>> used;  // the elided storages the live operations reach
  for (size_t k : live) {
    for (const auto& a : held[k].desc.arguments) {
      if (in(elided, a.storage.get()) && !in(used, a.storage.get())) used.push_back(a.storage);
    }
  }
  const TaskVariant* variant = nullptr;
  LaunchDesc desc = fused_launch(held, live, used, variant, false);
  if (variant == &fused_variant_) counters_.fused_tasks.fetch_add(1, std::memory_order_relaxed);
  launch_tasks(std::move(desc), variant, held[first].id, nullptr);
}

void Engine::settle(const LaunchDesc& desc) {
  if (speculative_.empty()) return;
  for (const auto& arg : desc.arguments) settle_storage(*arg.storage, arg.privilege != kRead);
}

void Engine::settle_host(const std::shared_ptr<Storage>& storage, const Rect& rect, bool write) {
  if (!settle_storage(*storage, write)) return;
  // JavaScript touches it next, at once: what was just issued on it must have run.
  wait_for_running_js(pending(*storage, rect), js_runner_or_refusal());
}

// The copy-on-write task: outputs[0] = inputs[0], pieces of one shape and type.
void copy_task(legate_task_context* ctx) {
  const legate_physical_store& in = ctx->inputs[0];
  const legate_physical_store& out = ctx->outputs[0];
  const size_t w = itemsize_of(in.type_code);
  int64_t count = 1;
  for (int32_t d = 0; d < in.ndim; ++d) count *= in.shape[d];
  if (count == 0) return;
  const int32_t nd = in.ndim;
  const int64_t inner = nd == 0 ? 1 : in.shape[nd - 1];
  std::vector<int64_t> index(static_cast<size_t>(std::max(nd, 1)), 0);
  for (int64_t done = 0; done < count; done += inner) {
    int64_t from = 0, to = 0;
    for (int32_t d = 0; d + 1 < nd; ++d) {
      from += index[static_cast<size_t>(d)] * in.strides[d];
      to += index[static_cast<size_t>(d)] * out.strides[d];
    }
    const char* src = static_cast<const char*>(in.data) + from * static_cast<int64_t>(w);
    char* dst = static_cast<char*>(out.data) + to * static_cast<int64_t>(w);
    const int64_t si = nd == 0 ? 1 : in.strides[nd - 1], di = nd == 0 ? 1 : out.strides[nd - 1];
    if (si == 1 && di == 1) {
      std::memcpy(dst, src, static_cast<size_t>(inner) * w);
    } else {
      for (int64_t i = 0; i < inner; ++i) std::memcpy(dst + i * di * static_cast<int64_t>(w), src + i * si * static_cast<int64_t>(w), w);
    }
    for (int32_t d = nd - 1; d-- > 0;) {
      if (++index[static_cast<size_t>(d)] < in.shape[d]) break;
      index[static_cast<size_t>(d)] = 0;
    }
  }
}

std::shared_ptr<Storage> Engine::copy_of(const std::shared_ptr<Storage>& source) {
  auto& table = RuntimeState::instance().storages;
  auto copy = table.create(source->type_code(), source->itemsize(), source->shape());
  table.release(copy->id());  // the runtime's own: no handle, not counted as live
  LaunchDesc desc;
  desc.library = -1;
  desc.task = 1;
  const auto& shape = source->shape();
  const int64_t rows = shape.empty() ? 1 : shape[0];
  const int64_t points = std::max<int64_t>(1, std::min<int64_t>(rows, static_cast<int64_t>(pool_.size())));
  desc.ndim = 1;
  desc.shape[0] = points;
  for (int pass = 0; pass < 2; ++pass) {
    ArgumentDesc arg;
    arg.privilege = pass == 0 ? kWrite : kRead;
    arg.storage = pass == 0 ? copy : source;
    arg.ndim = static_cast<int32_t>(shape.size());
    for (int32_t d = 0; d < arg.ndim; ++d) {
      arg.shape[d] = shape[static_cast<size_t>(d)];
      arg.matrix[d][d] = 1;
    }
    if (arg.ndim > 0) arg.partition[0] = DimPartition{0, (rows + points - 1) / points, 0, 0, 0};
    desc.arguments.push_back(std::move(arg));
  }
  if (shape.empty()) desc.shape[0] = 1;
  launch_tasks(std::move(desc), &copy_variant_, 0, nullptr);
  return copy;
}

bool Engine::settle_storage(const Storage& storage, bool write) {
  bool issued = false;
  // A write to what several speculations read: one copy of it, from which they are computed
  // when they are needed, costs less than computing every one of them now.
  if (write) {
    std::vector<size_t> readers;
    for (size_t i = 0; i < speculative_.size(); ++i) {
      const Speculation& s = speculative_[i];
      if (s.target.get() == &storage) continue;
      if (std::any_of(s.inputs.begin(), s.inputs.end(), [&](const auto& p) { return p.get() == &storage; })) readers.push_back(i);
    }
    if (readers.size() > 1) {
      std::shared_ptr<Storage> source;
      for (const auto& p : speculative_[readers[0]].inputs) {
        if (p.get() == &storage) source = p;
      }
      try {
        auto copy = copy_of(source);
        for (size_t i : readers) {
          Speculation& s = speculative_[i];
          for (auto& p : s.inputs) {
            if (p == source) p = copy;
          }
          for (auto& a : s.desc.arguments) {
            if (a.storage == source) a.storage = copy;
          }
        }
        counters_.copied_on_write.fetch_add(1, std::memory_order_relaxed);
        issued = true;
      } catch (const std::exception&) {
        // No memory for the copy: the speculations are computed now instead (below).
      }
    }
  }
  for (size_t i = 0; i < speculative_.size();) {
    const Speculation& s = speculative_[i];
    const bool hit = s.target.get() == &storage ||
                     (write && std::any_of(s.inputs.begin(), s.inputs.end(), [&](const auto& p) { return p.get() == &storage; }));
    if (!hit) {
      ++i;
      continue;
    }
    Speculation taken = std::move(speculative_[i]);
    speculative_.erase(speculative_.begin() + static_cast<std::ptrdiff_t>(i));
    counters_.materialized.fetch_add(1, std::memory_order_relaxed);
    issued = true;
    try {
      counters_.fused_tasks.fetch_add(1, std::memory_order_relaxed);
      launch_tasks(std::move(taken.desc), taken.variant, 0, nullptr);
    } catch (const std::exception& e) {
      // What cannot be computed now (out of memory) fails where it is read, as a task would.
      Rect all;
      all.ndim = static_cast<int32_t>(taken.target->shape().size());
      for (int32_t d = 0; d < all.ndim; ++d) all.hi[d] = taken.target->shape()[d];
      add_poison(*taken.target, all, std::make_shared<TaskError>(TaskError{e.what(), taken.variant->name, 0}));
    }
  }
  return issued;
}

void Engine::settle_all() {
  while (!speculative_.empty()) settle_storage(*speculative_.front().target, false);
}

void Engine::forget(const Storage& storage) {
  for (size_t i = 0; i < speculative_.size(); ++i) {
    if (speculative_[i].target.get() != &storage) continue;
    // A held launch that reads it still needs it (it is computed when that launch is issued).
    for (const std::vector<HeldLaunch>* list : {static_cast<const std::vector<HeldLaunch>*>(&held_), flushing_}) {
      if (list == nullptr) continue;
      for (const auto& h : *list) {
        for (const auto& a : h.desc.arguments) {
          if (a.storage.get() == &storage) return;
        }
      }
    }
    speculative_.erase(speculative_.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
}


namespace {

// A positive integer setting from the environment (validated by the JavaScript side, which
// reads it too), else `fallback`.
int64_t configured(const char* name, int64_t fallback, int64_t limit = std::numeric_limits<int64_t>::max()) {
  const char* text = std::getenv(name);
  if (text != nullptr) {
    char* end = nullptr;
    long long n = std::strtoll(text, &end, 10);
    if (end != text && *end == '\0' && n > 0 && n < limit) return static_cast<int64_t>(n);
  }
  return fallback;
}

Engine& make_engine() {
  Comm::instance().start();  // joins the other ranks when a launcher started this process
  // LEGATE_CPUS, else one per core.
  // Ranks a launcher started on one node share its cores.
  const int64_t local_ranks = std::max(configured("OMPI_COMM_WORLD_LOCAL_SIZE", 1), configured("MPI_LOCALNRANKS", 1));
  const int64_t cores = std::max<int64_t>(1, static_cast<int64_t>(std::thread::hardware_concurrency()) / local_ranks);
  static Engine instance(static_cast<unsigned>(configured("LEGATE_CPUS", cores, 4096)),
                         1 << 18);
  instance.set_window(configured("LEGATE_WINDOW_LAUNCHES", kDefaultWindowLaunches), configured("LEGATE_WINDOW_BYTES", kDefaultWindowBytes));
  // LEGATE_FUSION=0 turns fusion off (validated by the JavaScript side, which reads it too).
  const char* fusion = std::getenv("LEGATE_FUSION");
  instance.set_fusion(fusion == nullptr || std::strcmp(fusion, "0") != 0);
  return instance;
}

}  // namespace

void flush_held_launches() { engine().flush_held(); }

Engine& engine() {
  static Engine& instance = make_engine();
  return instance;
}

}  // namespace legate
