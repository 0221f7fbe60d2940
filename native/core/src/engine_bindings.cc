// N-API functions of the engine: launch (one call per launch), wait, fence, counters.
#include "engine_bindings.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <thread>

#include "comm.h"
#include "engine.h"
#include "napi_guard.h"
#include "runtime_state.h"

namespace legate {

namespace {

// Reads the launch descriptor @legate/core encodes (packages/core/src/launch.ts, encodeLaunch).
class Reader {
 public:
  Reader(const double* data, size_t size, Napi::Env env) : data_(data), size_(size), env_(env) {}
  int64_t next() {
    if (pos_ >= size_) throw Napi::RangeError::New(env_, "launch: truncated descriptor");
    return static_cast<int64_t>(data_[pos_++]);
  }
  int32_t dim() {
    int64_t n = next();
    if (n < 0 || n > LEGATE_MAX_DIM) throw Napi::RangeError::New(env_, "launch: at most " + std::to_string(LEGATE_MAX_DIM) + " dimensions");
    return static_cast<int32_t>(n);
  }

 private:
  const double* data_;
  size_t size_;
  size_t pos_ = 0;
  Napi::Env env_;
};

// [oldest pending launch, launches that failed so far], rewritten after every launch so the
// JavaScript side reads them without another call. The array is held, so its memory stays put:
// the pointer is taken once, not per launch.
Napi::Reference<Napi::Float64Array> status_buffer;
double* status_data = nullptr;

Napi::Value SetStatusBuffer(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[0].As<Napi::Float64Array>().ElementLength() < 2) {
    throw Napi::TypeError::New(info.Env(), "status: expected a Float64Array of 2");
  }
  Napi::Float64Array status = info[0].As<Napi::Float64Array>();
  status_buffer = Napi::Persistent(status);
  status_data = status.Data();
  return info.Env().Undefined();
}

void write_status() {
  if (status_data == nullptr) return;
  status_data[0] = static_cast<double>(engine().oldest_pending());
  status_data[1] = static_cast<double>(engine().failed_launch_count());
}

// The buffers launches are encoded into (packages/core/src/task.ts): the descriptor's numbers,
// and the scalars' bytes one after another. Set once (and again when JavaScript grows one), held
// so their memory stays put: a launch passes only how much of each it filled.
Napi::Reference<Napi::Float64Array> descriptor_buffer;
Napi::Reference<Napi::Uint8Array> scalar_buffer;
const double* descriptor_data = nullptr;
size_t descriptor_length = 0;
const char* scalar_data = nullptr;
size_t scalar_length = 0;

// setLaunchBuffers(descriptor: Float64Array, scalars: Uint8Array)
Napi::Value SetLaunchBuffers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(env, "descriptor: expected a Float64Array");
  }
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw Napi::TypeError::New(env, "scalars: expected a Uint8Array");
  }
  Napi::Float64Array descriptor = info[0].As<Napi::Float64Array>();
  Napi::Uint8Array scalars = info[1].As<Napi::Uint8Array>();
  descriptor_buffer = Napi::Persistent(descriptor);
  scalar_buffer = Napi::Persistent(scalars);
  descriptor_data = descriptor.Data();
  descriptor_length = descriptor.ElementLength();
  scalar_data = reinterpret_cast<const char*>(scalars.Data());
  scalar_length = scalars.ElementLength();
  return env.Undefined();
}

// launch(length) -> launch id: the first `length` numbers of the descriptor buffer, then the
// scalars: their count and byte sizes, their bytes in the scalar buffer.
JsRunner make_js_runner(Napi::Env env);

Napi::Value Launch(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (descriptor_data == nullptr) throw Napi::Error::New(env, "launch: no launch buffers (setLaunchBuffers)");
  const double length = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  if (!(length >= 0 && length <= static_cast<double>(descriptor_length))) {
    throw Napi::RangeError::New(env, "launch: the length is outside the descriptor buffer");
  }
  Reader in(descriptor_data, static_cast<size_t>(length), env);
  // A descriptor reused from launch to launch (one per nesting level: a TypeScript task's body
  // launches from inside a launch): its vectors keep their memory, so a small launch allocates
  // nothing for them (an argument list is over a kilobyte, which malloc serves slowly).
  // Its storages are let go at the end of the call (clear keeps the capacity).
  static LaunchDesc reused[4];
  static int depth = 0;
  LaunchDesc fallback;
  struct Nesting {
    LaunchDesc* desc;
    explicit Nesting(LaunchDesc& spare) : desc(depth < 4 ? &reused[depth] : &spare) { ++depth; }
    ~Nesting() {
      desc->arguments.clear();
      desc->scalars.clear();
      --depth;
    }
  } nesting(fallback);
  LaunchDesc& desc = *nesting.desc;  // its lists are empty: the last call at this depth cleared them
  std::fill(std::begin(desc.shape), std::end(desc.shape), 0);
  desc.library = static_cast<int32_t>(in.next());
  desc.task = static_cast<int32_t>(in.next());
  desc.ndim = in.dim();
  for (int32_t d = 0; d < desc.ndim; ++d) desc.shape[d] = in.next();
  int64_t num_args = in.next();
  if (num_args < 0 || num_args > 1 << 16) throw Napi::RangeError::New(env, "launch: bad argument count");
  desc.arguments.reserve(static_cast<size_t>(num_args));
  for (int64_t a = 0; a < num_args; ++a) {
    ArgumentDesc& arg = desc.arguments.emplace_back();
    arg.privilege = static_cast<int32_t>(in.next());
    arg.redop = static_cast<int32_t>(in.next());
    uint64_t id = static_cast<uint64_t>(in.next());
    arg.storage = RuntimeState::instance().storages.find(id);
    if (!arg.storage) throw Napi::Error::New(env, "launch: argument " + std::to_string(a) + "'s storage was released");
    arg.ndim = in.dim();
    for (int32_t v = 0; v < arg.ndim; ++v) arg.shape[v] = in.next();
    int32_t sdim = in.dim();
    if (static_cast<size_t>(sdim) != arg.storage->shape().size()) {
      // One storage dimension over an N-d storage: the map addresses its linear index.
      if (sdim != 1 || arg.storage->shape().size() < 2) throw Napi::RangeError::New(env, "launch: storage dimensions");
      arg.flat = true;
    }
    for (int32_t s = 0; s < sdim; ++s) arg.offset[s] = in.next();
    for (int32_t s = 0; s < sdim; ++s) {
      for (int32_t v = 0; v < arg.ndim; ++v) arg.matrix[s][v] = in.next();
    }
    for (int32_t v = 0; v < arg.ndim; ++v) {
      auto& p = arg.partition[v];
      p.color_dim = static_cast<int32_t>(in.next());
      p.tile = in.next();
      p.offset = in.next();
      p.low = in.next();
      p.high = in.next();
    }
    int64_t explicit_pieces = in.next();  // 0, or one [lo, hi) box per point
    for (int64_t k = 0; k < explicit_pieces; ++k) {
      Rect r;
      r.ndim = arg.ndim;
      for (int32_t v = 0; v < arg.ndim; ++v) r.lo[v] = in.next();
      for (int32_t v = 0; v < arg.ndim; ++v) r.hi[v] = in.next();
      arg.pieces.push_back(r);
    }
  }
  const int64_t num_scalars = in.next();
  if (num_scalars < 0 || num_scalars > 1 << 16) throw Napi::RangeError::New(env, "launch: bad scalar count");
  desc.scalars.reserve(static_cast<size_t>(num_scalars));
  size_t at = 0;
  for (int64_t k = 0; k < num_scalars; ++k) {
    const int64_t size = in.next();
    if (size < 0 || static_cast<size_t>(size) > scalar_length - at) throw Napi::RangeError::New(env, "launch: the scalars overrun their buffer");
    desc.scalars.emplace_back(scalar_data + at, scalar_data + at + size);
    at += static_cast<size_t>(size);
  }
  bool settled = false;
  // A bad descriptor (std::invalid_argument) becomes a RangeError in guarded<>.
  const uint64_t id = engine().launch(std::move(desc), &settled);
  write_status();
  if (!settled && engine().window_full()) engine().throttle(make_js_runner(env));
  // A launch that already ran to completion here comes back negated: nothing can fail later, so
  // JavaScript need not record where it was made.
  return Napi::Number::New(env, settled ? -static_cast<double>(id) : static_cast<double>(id));
}

Napi::Value failure_to_js(Napi::Env env, const std::shared_ptr<TaskError>& error) {
  if (!error) return env.Null();
  Napi::Object out = Napi::Object::New(env);
  out.Set("message", error->message);
  out.Set("task", error->task);
  out.Set("launch", static_cast<double>(error->launch));
  return out;
}

// (storage, lo[], hi[]) arguments of wait and waitAsync
std::pair<std::shared_ptr<Storage>, Rect> wait_arguments(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto storage = RuntimeState::instance().storages.find(static_cast<uint64_t>(info[0].As<Napi::Number>().Int64Value()));
  if (!storage) throw Napi::Error::New(env, "storage: it was released");
  Rect rect;
  Napi::Array lo = info[1].As<Napi::Array>(), hi = info[2].As<Napi::Array>();
  rect.ndim = static_cast<int32_t>(lo.Length());
  if (rect.ndim > LEGATE_MAX_DIM || hi.Length() != lo.Length()) throw Napi::RangeError::New(env, "wait: bad rectangle");
  for (int32_t d = 0; d < rect.ndim; ++d) {
    rect.lo[d] = lo.Get(d).As<Napi::Number>().Int64Value();
    rect.hi[d] = hi.Get(d).As<Napi::Number>().Int64Value();
  }
  return {storage, rect};
}

// --- TypeScript-defined tasks ------------------------------------------------------------------
// Their point tasks run on the JavaScript thread: at waits, at fences, and from the event loop
// when one becomes ready. Each piece is copied into a contiguous buffer for the body and, for
// outputs and reductions, copied back: no JavaScript object ever points into runtime memory.

Napi::FunctionReference js_task_runner;
Napi::ThreadSafeFunction js_wakeup;

int64_t piece_volume(const legate_physical_store& ps) {
  int64_t v = 1;
  for (int32_t d = 0; d < ps.ndim; ++d) v *= ps.shape[d];
  return v;
}

// Copies between a piece and a contiguous buffer; `to_buffer` gathers, otherwise scatters.
void copy_piece(const legate_physical_store& ps, char* buffer, bool to_buffer) {
  const size_t w = itemsize_of_code(ps.type_code);
  const int64_t count = piece_volume(ps);
  bool contiguous = true;  // C order with no gaps: one copy
  int64_t expected = 1;
  for (int32_t d = ps.ndim; d-- > 0;) {
    if (ps.shape[d] > 1 && ps.strides[d] != expected) contiguous = false;
    expected *= ps.shape[d];
  }
  if (contiguous) {
    if (to_buffer) std::memcpy(buffer, ps.data, static_cast<size_t>(count) * w);
    else std::memcpy(ps.data, buffer, static_cast<size_t>(count) * w);
    return;
  }
  std::vector<int64_t> index(static_cast<size_t>(ps.ndim), 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t off = 0;
    for (int32_t d = 0; d < ps.ndim; ++d) off += index[static_cast<size_t>(d)] * ps.strides[d];
    char* element = static_cast<char*>(ps.data) + off * static_cast<int64_t>(w);
    if (to_buffer) std::memcpy(buffer + i * static_cast<int64_t>(w), element, w);
    else std::memcpy(element, buffer + i * static_cast<int64_t>(w), w);
    for (int32_t d = ps.ndim; d-- > 0;) {
      if (++index[static_cast<size_t>(d)] < ps.shape[d]) break;
      index[static_cast<size_t>(d)] = 0;
    }
  }
}

Napi::Array int_list(Napi::Env env, const int64_t* values, int32_t n) {
  Napi::Array a = Napi::Array::New(env, static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) a.Set(static_cast<uint32_t>(i), static_cast<double>(values[i]));
  return a;
}

JsRunner make_js_runner(Napi::Env env) {
  return [env](legate_task_context* ctx) {
    if (js_task_runner.IsEmpty()) throw std::runtime_error("no TypeScript task runner is installed");
    static const size_t sizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8, 8, 16};
    Napi::HandleScope scope(env);
    std::vector<std::pair<const legate_physical_store*, Napi::ArrayBuffer>> writeback;
    auto pieces = [&](const legate_physical_store* stores, int32_t n, bool copy_in, bool copy_out) {
      Napi::Array list = Napi::Array::New(env, static_cast<size_t>(n));
      for (int32_t i = 0; i < n; ++i) {
        const legate_physical_store& ps = stores[i];
        if (ps.ndim == 1 && ps.shape[0] < 0) throw std::runtime_error("a TypeScript task cannot have an unbound output");
        Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, static_cast<size_t>(piece_volume(ps)) * itemsize_of_code(ps.type_code));
        if (copy_in && piece_volume(ps) > 0) copy_piece(ps, static_cast<char*>(buffer.Data()), true);
        if (copy_out) writeback.emplace_back(&ps, buffer);
        Napi::Object piece = Napi::Object::New(env);
        piece.Set("buffer", buffer);
        piece.Set("typeCode", ps.type_code);
        piece.Set("shape", int_list(env, ps.shape, ps.ndim));
        piece.Set("offset", int_list(env, ps.offset, ps.ndim));
        list.Set(static_cast<uint32_t>(i), piece);
      }
      return list;
    };
    Napi::Object arg = Napi::Object::New(env);
    arg.Set("inputs", pieces(ctx->inputs, ctx->num_inputs, true, false));
    // Outputs are copied in too: a read-write argument needs its values, a write-only one
    // then keeps what the body does not overwrite.
    arg.Set("outputs", pieces(ctx->outputs, ctx->num_outputs, true, true));
    arg.Set("reductions", pieces(ctx->reductions, ctx->num_reductions, true, true));
    Napi::Array scalars = Napi::Array::New(env, static_cast<size_t>(ctx->num_scalars));
    for (int32_t i = 0; i < ctx->num_scalars; ++i) {
      scalars.Set(static_cast<uint32_t>(i), Napi::Buffer<char>::Copy(env, static_cast<const char*>(ctx->scalars[i]), ctx->scalar_sizes[i]));
    }
    arg.Set("scalars", scalars);
    arg.Set("point", int_list(env, ctx->point, ctx->launch_ndim));
    arg.Set("launchShape", int_list(env, ctx->launch_shape, ctx->launch_ndim));
    auto [library, task] = task_of(ctx);
    arg.Set("library", library);
    arg.Set("task", task);
    try {
      js_task_runner.Call({arg});
    } catch (const Napi::Error& e) {
      Napi::Value stack = e.Value().IsObject() ? e.Value().As<Napi::Object>().Get("stack") : Napi::Value();
      throw std::runtime_error(stack.IsString() ? stack.As<Napi::String>().Utf8Value() : e.Message());
    }
    for (auto& [ps, buffer] : writeback) {
      if (piece_volume(*ps) > 0) copy_piece(*ps, static_cast<char*>(buffer.Data()), false);
    }
  };
}

// setJsTaskRunner(fn): fn({ task, inputs, outputs, reductions, scalars, point, launchShape })
Napi::Value SetJsTaskRunner(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsFunction()) throw Napi::TypeError::New(env, "runner: expected a function");
  js_task_runner = Napi::Persistent(info[0].As<Napi::Function>());
  if (!js_wakeup) {
    js_wakeup = Napi::ThreadSafeFunction::New(env, Napi::Function::New(env, [](const Napi::CallbackInfo&) {}), "legate-js-tasks", 0, 1);
    js_wakeup.Unref(env);  // ready TypeScript tasks alone do not keep the process alive
    engine().set_js_signal([] {
      js_wakeup.NonBlockingCall([](Napi::Env e, Napi::Function) { engine().run_js_tasks(make_js_runner(e)); });
    });
    // Out of memory on this thread: wait for pending work while running its TypeScript tasks;
    // on any other thread, wait for it (this thread's event loop runs them).
    const std::thread::id js_thread = std::this_thread::get_id();
    engine().set_js_runner(make_js_runner(env));
    engine().set_reclaim_hook([env, js_thread] {
      if (std::this_thread::get_id() == js_thread) engine().fence_running_js(make_js_runner(env));
      else engine().fence();
    });
  }
  return env.Undefined();
}

// registerJsTask(library, taskId, name)
Napi::Value RegisterJsTask(const Napi::CallbackInfo& info) {
  std::string name = info[2].As<Napi::String>().Utf8Value();
  int32_t r = engine().register_js_task(info[0].As<Napi::Number>().Int32Value(), info[1].As<Napi::Number>().Int32Value(), name.c_str());
  if (r < 0) throw Napi::Error::New(info.Env(), "registerJsTask: unknown library or task id taken");
  return info.Env().Undefined();
}

// runJsTasks() -> how many ready TypeScript point tasks ran
Napi::Value RunJsTasks(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(engine().run_js_tasks(make_js_runner(info.Env()))));
}

// wait(storage, lo[], hi[]) -> null, or { message, task, launch } of a failure that reached it
Napi::Value Wait(const Napi::CallbackInfo& info) {
  auto [storage, rect] = wait_arguments(info);
  engine().settle_storage(*storage, false);
  const auto agreement = engine().begin_agreement();
  engine().wait_for_running_js(engine().pending(*storage, rect), make_js_runner(info.Env()));
  return failure_to_js(info.Env(), engine().agree(agreement, engine().poison_of(*storage, rect)));
}

// Waits on a libuv worker thread, so the event loop keeps running.
class WaitWorker : public Napi::AsyncWorker {
 public:
  WaitWorker(Napi::Env env, std::shared_ptr<Storage> storage, Rect rect)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), storage_(std::move(storage)), rect_(rect),
        nodes_(engine().pending(*storage_, rect_)), agreement_(engine().begin_agreement()) {}
  Napi::Promise promise() { return deferred_.Promise(); }
  void Execute() override {
    engine().wait_for(nodes_);
    error_ = engine().agree(agreement_, engine().poison_of(*storage_, rect_));
  }
  void OnOK() override {
    nodes_.clear();
    deferred_.Resolve(failure_to_js(Env(), error_));
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<Storage> storage_;
  Rect rect_;
  std::vector<std::shared_ptr<Node>> nodes_;
  Engine::Agreement agreement_;
  std::shared_ptr<TaskError> error_;
};

// waitAsync(storage, lo[], hi[]) -> Promise of what wait returns
Napi::Value WaitAsync(const Napi::CallbackInfo& info) {
  auto [storage, rect] = wait_arguments(info);
  engine().settle_storage(*storage, false);
  auto* worker = new WaitWorker(info.Env(), storage, rect);
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

Napi::Value Fence(const Napi::CallbackInfo& info) {
  engine().settle_all();  // what fusion left uncomputed counts as issued work
  engine().fence_running_js(make_js_runner(info.Env()));
  return info.Env().Undefined();
}

Napi::Value OldestPending(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(engine().oldest_pending()));
}

// failedLaunches() -> { count, ids }: how many launches failed, and the ids of the last 1024
Napi::Value FailedLaunches(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto ids = engine().failed_launches();
  Napi::Array list = Napi::Array::New(env, ids.size());
  for (size_t i = 0; i < ids.size(); ++i) list.Set(static_cast<uint32_t>(i), static_cast<double>(ids[i]));
  Napi::Object out = Napi::Object::New(env);
  out.Set("count", static_cast<double>(engine().failed_launch_count()));
  out.Set("ids", list);
  return out;
}

Napi::Value FailedLaunchCount(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(engine().failed_launch_count()));
}

Napi::Value CountersOf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Counters& c = engine().counters();
  Napi::Object out = Napi::Object::New(env);
  out.Set("launches", static_cast<double>(c.launches.load()));
  out.Set("pointTasks", static_cast<double>(c.point_tasks.load()));
  out.Set("inlineTasks", static_cast<double>(c.inline_tasks.load()));
  out.Set("folds", static_cast<double>(c.folds.load()));
  out.Set("failedTasks", static_cast<double>(c.failed_tasks.load()));
  out.Set("copies", static_cast<double>(c.copies.load()));
  out.Set("bytesCopied", static_cast<double>(c.bytes_copied.load()));
  out.Set("throttled", static_cast<double>(c.throttled.load()));
  out.Set("messagesSent", static_cast<double>(c.messages_sent.load()));
  out.Set("messagesReceived", static_cast<double>(c.messages_received.load()));
  out.Set("bytesSent", static_cast<double>(c.bytes_sent.load()));
  out.Set("bytesReceived", static_cast<double>(c.bytes_received.load()));
  out.Set("fusedLaunches", static_cast<double>(c.fused_launches.load()));
  out.Set("fusedTasks", static_cast<double>(c.fused_tasks.load()));
  out.Set("elidedTemporaries", static_cast<double>(c.elided_temporaries.load()));
  out.Set("elidedBytes", static_cast<double>(c.elided_bytes.load()));
  out.Set("materialized", static_cast<double>(c.materialized.load()));
  out.Set("copiedOnWrite", static_cast<double>(c.copied_on_write.load()));
  out.Set("bytesAccessed", static_cast<double>(c.bytes_accessed.load()));
  out.Set("threads", static_cast<double>(engine().threads()));
  return out;
}

// flushHeld(): issues the launches fusion holds (the wrapper does it), for the event loop's turn.
Napi::Value FlushHeld(const Napi::CallbackInfo& info) { return info.Env().Undefined(); }

// setFusion(on): whether elementwise launches are held and fused (LEGATE_FUSION sets it first).
Napi::Value SetFusion(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsBoolean()) throw Napi::TypeError::New(info.Env(), "setFusion: expected a boolean");
  engine().set_fusion(info[0].As<Napi::Boolean>().Value());
  return info.Env().Undefined();
}

// ranks() -> { rank, size, launched }: this process's place in the job (joining it if need be)
Napi::Value Ranks(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Engine& e = engine();
  Napi::Object out = Napi::Object::New(env);
  out.Set("rank", static_cast<double>(e.rank()));
  out.Set("size", static_cast<double>(e.ranks()));
  out.Set("launched", Comm::instance().launched());
  return out;
}

// shutdownRanks(exitCode): the end of this rank's part in the job. A clean exit waits for the
// work issued and meets the other ranks; any other code ends the whole job.
Napi::Value ShutdownRanks(const Napi::CallbackInfo& info) {
  const int code = info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : 1;
  if (!Comm::instance().launched()) return info.Env().Undefined();
  if (code == 0) engine().fence_running_js(make_js_runner(info.Env()));
  Comm::instance().shutdown(code);
  return info.Env().Undefined();
}

// setMemoryMode('shared' | 'separate')
Napi::Value SetMemoryMode(const Napi::CallbackInfo& info) {
  std::string mode = info[0].As<Napi::String>().Utf8Value();
  if (mode != "shared" && mode != "separate") throw Napi::RangeError::New(info.Env(), "mode: expected 'shared' or 'separate', got '" + mode + "'");
  engine().set_memory_mode(mode == "shared" ? MemoryMode::kShared : MemoryMode::kSeparate);
  return info.Env().Undefined();
}

// setWindow(launches, bytes)
Napi::Value SetWindow(const Napi::CallbackInfo& info) {
  engine().set_window(info[0].As<Napi::Number>().Int64Value(), info[1].As<Napi::Number>().Int64Value());
  return info.Env().Undefined();
}

Napi::Value SetInlineLimit(const Napi::CallbackInfo& info) {
  engine().set_inline_limit(info[0].As<Napi::Number>().Int64Value());
  return info.Env().Undefined();
}

}  // namespace

void export_engine_functions(Napi::Env env, Napi::Object exports) {
  exports.Set("launch", Napi::Function::New(env, guarded<Launch>, "launch"));
  exports.Set("setLaunchBuffers", Napi::Function::New(env, guarded<SetLaunchBuffers>, "setLaunchBuffers"));
  exports.Set("setStatusBuffer", Napi::Function::New(env, guarded<SetStatusBuffer>, "setStatusBuffer"));
  exports.Set("wait", Napi::Function::New(env, flushing<Wait>, "wait"));
  exports.Set("setJsTaskRunner", Napi::Function::New(env, guarded<SetJsTaskRunner>, "setJsTaskRunner"));
  exports.Set("registerJsTask", Napi::Function::New(env, guarded<RegisterJsTask>, "registerJsTask"));
  exports.Set("runJsTasks", Napi::Function::New(env, flushing<RunJsTasks>, "runJsTasks"));
  exports.Set("waitAsync", Napi::Function::New(env, flushing<WaitAsync>, "waitAsync"));
  exports.Set("fence", Napi::Function::New(env, flushing<Fence>, "fence"));
  exports.Set("oldestPending", Napi::Function::New(env, guarded<OldestPending>, "oldestPending"));
  exports.Set("counters", Napi::Function::New(env, flushing<CountersOf>, "counters"));
  exports.Set("ranks", Napi::Function::New(env, guarded<Ranks>, "ranks"));
  exports.Set("shutdownRanks", Napi::Function::New(env, flushing<ShutdownRanks>, "shutdownRanks"));
  exports.Set("failedLaunches", Napi::Function::New(env, guarded<FailedLaunches>, "failedLaunches"));
  exports.Set("failedLaunchCount", Napi::Function::New(env, guarded<FailedLaunchCount>, "failedLaunchCount"));
  exports.Set("setMemoryMode", Napi::Function::New(env, flushing<SetMemoryMode>, "setMemoryMode"));
  exports.Set("setWindow", Napi::Function::New(env, flushing<SetWindow>, "setWindow"));
  exports.Set("flushHeld", Napi::Function::New(env, flushing<FlushHeld>, "flushHeld"));
  exports.Set("setFusion", Napi::Function::New(env, flushing<SetFusion>, "setFusion"));
  exports.Set("setInlineLimit", Napi::Function::New(env, flushing<SetInlineLimit>, "setInlineLimit"));
}

}  // namespace legate
