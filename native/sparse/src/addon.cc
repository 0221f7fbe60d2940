// @legate/sparse's native addon. It registers into core's runtime through core's C ABI.
#include <napi.h>

#include <string>
#include <vector>

#include "kernels.h"
#include "legate/addon.hpp"
#include "legate_build_features.h"

#if LEGATE_HAVE_SUITESPARSE
#include <umfpack.h>
#endif
#if LEGATE_HAVE_SUPERLU
#include <slu_ddefs.h>  // SUPERLU_MAJOR_VERSION and the rest
#endif

namespace legate::sparse {

// arpack.cc: ARPACK's reverse-communication calls, when the build has it.
void add_arpack_bindings(Napi::Env env, Napi::Object exports);

namespace {

std::string suitesparse_detail() {
#if LEGATE_HAVE_SUITESPARSE
  return "UMFPACK " + std::to_string(UMFPACK_MAIN_VERSION) + "." + std::to_string(UMFPACK_SUB_VERSION) + "." +
         std::to_string(UMFPACK_SUBSUB_VERSION);
#else
  return LEGATE_SUITESPARSE_DETAIL;
#endif
}

std::string superlu_detail() {
#if LEGATE_HAVE_SUPERLU
  return "SuperLU " + std::to_string(SUPERLU_MAJOR_VERSION) + "." + std::to_string(SUPERLU_MINOR_VERSION) + "." +
         std::to_string(SUPERLU_PATCH_VERSION) + " (" LEGATE_SUPERLU_DETAIL ")";
#else
  return LEGATE_SUPERLU_DETAIL;
#endif
}

// register(coreApiHandle, name) -> library id
Napi::Value Register(const Napi::CallbackInfo& info) {
  const legate_core_api* api = core_api_from(info[0]);
  std::string name = library_name_from(info[1]);
  std::string direct = suitesparse_detail();
  std::string superlu = superlu_detail();
  std::vector<legate_feature> features = {
      {"cusparse", LEGATE_HAVE_CUSPARSE, LEGATE_CUSPARSE_DETAIL},
      {"suitesparse", LEGATE_HAVE_SUITESPARSE, direct.c_str()},
      {"superlu", LEGATE_HAVE_SUPERLU, superlu.c_str()},
      {"arpack", LEGATE_HAVE_ARPACK, LEGATE_ARPACK_DETAIL},
  };
  // Worker threads register again: the same owner gets the same id back.
  static const char owner = 0;
  int32_t id = api->register_library(name.c_str(), &owner, features.data(), static_cast<uint32_t>(features.size()));
  if (id < 0) throw Napi::Error::New(info.Env(), "register: another library already registered the name '" + name + "'");
  register_tasks(api, id);  // a second registration of the same addon finds them in place
  register_superlu_tasks(api, id);
  return Napi::Number::New(info.Env(), id);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("register", Napi::Function::New(env, Register, "register"));
  add_arpack_bindings(env, exports);
  return exports;
}

}  // namespace
}  // namespace legate::sparse

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return legate::sparse::Init(env, exports); }

NODE_API_MODULE(legate_sparse, InitModule)
