// The JavaScript face of core's native runtime.
#include <napi.h>

#include <mutex>

#include "bandwidth.h"
#include "napi_guard.h"
#include "registry.h"
#include "engine_bindings.h"
#include "storage_bindings.h"

namespace legate {
namespace {

Napi::Array features_to_js(Napi::Env env, const std::vector<Feature>& features) {
  Napi::Array out = Napi::Array::New(env, features.size());
  for (size_t i = 0; i < features.size(); ++i) {
    Napi::Object f = Napi::Object::New(env);
    f.Set("name", features[i].name);
    f.Set("enabled", features[i].enabled);
    f.Set("detail", features[i].detail);
    out.Set(static_cast<uint32_t>(i), f);
  }
  return out;
}

// [{ library, features: [{ name, enabled, detail }] }], core first.
Napi::Value Libraries(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto libraries = LibraryRegistry::instance().snapshot();
  Napi::Array out = Napi::Array::New(env, libraries.size());
  for (size_t i = 0; i < libraries.size(); ++i) {
    Napi::Object lib = Napi::Object::New(env);
    lib.Set("library", libraries[i].name);
    lib.Set("features", features_to_js(env, libraries[i].features));
    out.Set(static_cast<uint32_t>(i), lib);
  }
  return out;
}

// registerLibrary(name) -> id of a library whose tasks are all TypeScript (no addon). Core owns
// it, so the same name registers once however often it is asked for.
Napi::Value RegisterLibrary(const Napi::CallbackInfo& info) {
  static const char typescript_owner = 0;
  if (!info[0].IsString() || info[0].As<Napi::String>().Utf8Value().empty()) {
    throw Napi::TypeError::New(info.Env(), "name: expected a non-empty string");
  }
  std::string name = info[0].As<Napi::String>().Utf8Value();
  int32_t id = LibraryRegistry::instance().add(name, &typescript_owner, {});
  if (id < 0) throw Napi::Error::New(info.Env(), "register: another library already registered the name '" + name + "'");
  return Napi::Number::New(info.Env(), id);
}

Napi::Value CoreApi(const Napi::CallbackInfo& info) {
  // The table is immutable; napi only stores the pointer.
  return Napi::External<legate_core_api>::New(info.Env(), const_cast<legate_core_api*>(core_api()));
}

uint32_t positive_uint(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(name) + ": expected a number");
  double v = info[index].As<Napi::Number>().DoubleValue();
  if (!(v >= 1) || v > 4294967295.0) throw Napi::RangeError::New(info.Env(), std::string(name) + ": expected a positive integer");
  return static_cast<uint32_t>(v);
}

// probeBandwidth(bytesPerArray, threads, repetitions) -> { medianBytesPerSecond, bestBytesPerSecond, medianSeconds }
Napi::Value ProbeBandwidth(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsNumber()) throw Napi::TypeError::New(env, "bytesPerArray: expected a number");
  double bytes = info[0].As<Napi::Number>().DoubleValue();
  if (!(bytes >= 8)) throw Napi::RangeError::New(env, "bytesPerArray: expected at least 8");
  BandwidthResult r = probe_bandwidth(static_cast<size_t>(bytes), positive_uint(info, 1, "threads"),
                                      positive_uint(info, 2, "repetitions"));
  Napi::Object out = Napi::Object::New(env);
  out.Set("medianBytesPerSecond", r.median_bytes_per_second);
  out.Set("bestBytesPerSecond", r.best_bytes_per_second);
  out.Set("medianSeconds", r.median_seconds);
  return out;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // One registry per process, even when worker threads load the addon too.
  static std::once_flag once;
  std::call_once(once, [] { LibraryRegistry::instance().add("core", &once, core_features()); });
  exports.Set("version", Napi::String::New(env, LEGATE_CORE_VERSION));
  exports.Set("abiVersion", Napi::Number::New(env, LEGATE_CORE_ABI_VERSION));
  exports.Set("libraries", Napi::Function::New(env, guarded<Libraries>, "libraries"));
  exports.Set("coreApi", Napi::Function::New(env, guarded<CoreApi>, "coreApi"));
  exports.Set("registerLibrary", Napi::Function::New(env, guarded<RegisterLibrary>, "registerLibrary"));
  exports.Set("probeBandwidth", Napi::Function::New(env, guarded<ProbeBandwidth>, "probeBandwidth"));
  export_storage_functions(env, exports);
  export_engine_functions(env, exports);
  return exports;
}

}  // namespace
}  // namespace legate

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return legate::Init(env, exports); }

NODE_API_MODULE(legate_core, InitModule)
