// N-API functions of the engine: launch (one call per launch), wait, fence, counters.
#include "engine_bindings.h"

#include <string>

#include "engine.h"
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

// launch(descriptor: Float64Array, scalars: Uint8Array[]) -> launch id
Napi::Value Launch(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(env, "launch: expected a Float64Array descriptor");
  }
  Napi::Float64Array raw = info[0].As<Napi::Float64Array>();
  Reader in(raw.Data(), raw.ElementLength(), env);
  LaunchDesc desc;
  desc.library = static_cast<int32_t>(in.next());
  desc.task = static_cast<int32_t>(in.next());
  desc.ndim = in.dim();
  for (int32_t d = 0; d < desc.ndim; ++d) desc.shape[d] = in.next();
  int64_t num_args = in.next();
  for (int64_t a = 0; a < num_args; ++a) {
    ArgumentDesc arg;
    arg.privilege = static_cast<int32_t>(in.next());
    arg.redop = static_cast<int32_t>(in.next());
    uint64_t id = static_cast<uint64_t>(in.next());
    arg.storage = RuntimeState::instance().storages.find(id);
    if (!arg.storage) throw Napi::Error::New(env, "launch: argument " + std::to_string(a) + "'s storage was released");
    arg.ndim = in.dim();
    for (int32_t v = 0; v < arg.ndim; ++v) arg.shape[v] = in.next();
    int32_t sdim = in.dim();
    if (static_cast<size_t>(sdim) != arg.storage->shape().size()) throw Napi::RangeError::New(env, "launch: storage dimensions");
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
    desc.arguments.push_back(std::move(arg));
  }
  if (info[1].IsArray()) {
    Napi::Array scalars = info[1].As<Napi::Array>();
    for (uint32_t i = 0; i < scalars.Length(); ++i) {
      Napi::Value v = scalars.Get(i);
      if (!v.IsTypedArray()) throw Napi::TypeError::New(env, "scalars: expected Uint8Arrays");
      Napi::TypedArray t = v.As<Napi::TypedArray>();
      const char* bytes = static_cast<const char*>(t.ArrayBuffer().Data()) + t.ByteOffset();
      desc.scalars.emplace_back(bytes, bytes + t.ByteLength());
    }
  }
  try {
    return Napi::Number::New(env, static_cast<double>(engine().launch(std::move(desc))));
  } catch (const std::invalid_argument& e) {
    throw Napi::RangeError::New(env, e.what());
  }
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

// wait(storage, lo[], hi[]) -> null, or { message, task, launch } of a failure that reached it
Napi::Value Wait(const Napi::CallbackInfo& info) {
  auto [storage, rect] = wait_arguments(info);
  return failure_to_js(info.Env(), engine().wait(storage, rect));
}

// Waits on a libuv worker thread, so the event loop keeps running.
class WaitWorker : public Napi::AsyncWorker {
 public:
  WaitWorker(Napi::Env env, std::shared_ptr<Storage> storage, Rect rect)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), storage_(std::move(storage)), rect_(rect),
        nodes_(engine().pending(*storage_, rect_)) {}
  Napi::Promise promise() { return deferred_.Promise(); }
  void Execute() override {
    engine().wait_for(nodes_);
    error_ = engine().poison_of(*storage_, rect_);
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
  std::shared_ptr<TaskError> error_;
};

// waitAsync(storage, lo[], hi[]) -> Promise of what wait returns
Napi::Value WaitAsync(const Napi::CallbackInfo& info) {
  auto [storage, rect] = wait_arguments(info);
  auto* worker = new WaitWorker(info.Env(), storage, rect);
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

Napi::Value Fence(const Napi::CallbackInfo& info) {
  engine().fence();
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
  out.Set("threads", static_cast<double>(engine().threads()));
  return out;
}

Napi::Value SetInlineLimit(const Napi::CallbackInfo& info) {
  engine().set_inline_limit(info[0].As<Napi::Number>().Int64Value());
  return info.Env().Undefined();
}

}  // namespace

void export_engine_functions(Napi::Env env, Napi::Object exports) {
  exports.Set("launch", Napi::Function::New(env, Launch, "launch"));
  exports.Set("wait", Napi::Function::New(env, Wait, "wait"));
  exports.Set("waitAsync", Napi::Function::New(env, WaitAsync, "waitAsync"));
  exports.Set("fence", Napi::Function::New(env, Fence, "fence"));
  exports.Set("oldestPending", Napi::Function::New(env, OldestPending, "oldestPending"));
  exports.Set("counters", Napi::Function::New(env, CountersOf, "counters"));
  exports.Set("failedLaunches", Napi::Function::New(env, FailedLaunches, "failedLaunches"));
  exports.Set("failedLaunchCount", Napi::Function::New(env, FailedLaunchCount, "failedLaunchCount"));
  exports.Set("setInlineLimit", Napi::Function::New(env, SetInlineLimit, "setInlineLimit"));
}

}  // namespace legate
