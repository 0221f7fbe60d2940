// @legate/numeric's native addon. It registers into core's runtime through core's C ABI.
#include <cblas.h>
#include <fftw3.h>
#include <lapacke.h>
#include <napi.h>

#include <string>
#include <vector>

#include "kernels.h"
#include "random.h"
#include "legate/addon.hpp"
#include "legate_build_features.h"

namespace legate::numeric {
namespace {

std::string blas_detail() {
  // Each point task calls BLAS on one of the runtime's processors (see blas.cc).
  openblas_set_num_threads(1);
  return std::string(openblas_get_config()) + ", one thread per task";
}

std::string fft_detail() { return std::string(fftw_version) + ", double and single precision"; }

// register(coreApiHandle, name) -> library id
Napi::Value Register(const Napi::CallbackInfo& info) {
  const legate_core_api* api = core_api_from(info[0]);
  std::string name = library_name_from(info[1]);
  std::string blas = blas_detail(), fft = fft_detail();
  std::vector<legate_feature> features = {
      {"blas", 1, blas.c_str()},
      {"lapack", LEGATE_HAVE_LAPACK, LEGATE_LAPACK_DETAIL},
      {"fft", 1, fft.c_str()},
      {"cublas", LEGATE_HAVE_CUBLAS, LEGATE_CUBLAS_DETAIL},
      {"cufft", LEGATE_HAVE_CUFFT, LEGATE_CUFFT_DETAIL},
  };
  // Worker threads register again: the same owner gets the same id back.
  static const char owner = 0;
  int32_t id = api->register_library(name.c_str(), &owner, features.data(), static_cast<uint32_t>(features.size()));
  if (id < 0) throw Napi::Error::New(info.Env(), "register: another library already registered the name '" + name + "'");
  register_tasks(api, id);  // a second registration of the same addon finds them in place
  return Napi::Number::New(info.Env(), id);
}

// philox4x32(counter: number[4], key: number[2]) -> number[4]: the generator's block function, so
// tests can check it against the published known-answer vectors.
Napi::Value Philox4x32(const Napi::CallbackInfo& info) {
  const auto word = [&](int argument, uint32_t i) { return info[argument].As<Napi::Array>().Get(i).As<Napi::Number>().Uint32Value(); };
  const PhiloxBlock block = philox4x32_10({word(0, 0), word(0, 1), word(0, 2), word(0, 3)}, {word(1, 0), word(1, 1)});
  Napi::Array result = Napi::Array::New(info.Env(), 4);
  for (uint32_t i = 0; i < 4; ++i) result.Set(i, Napi::Number::New(info.Env(), block[i]));
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("register", Napi::Function::New(env, Register, "register"));
  exports.Set("philox4x32", Napi::Function::New(env, Philox4x32, "philox4x32"));
  return exports;
}

}  // namespace
}  // namespace legate::numeric

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return legate::numeric::Init(env, exports); }

NODE_API_MODULE(legate_numeric, InitModule)
