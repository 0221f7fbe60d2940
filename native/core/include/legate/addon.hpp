// Helpers for a library addon written with node-addon-api that registers into @legate/core.
#pragma once

#include <napi.h>

#include <string>

#include "legate/core_abi.h"

namespace legate {

// Reads core's ABI table from the handle returned by core's `coreApi()`; throws a JS TypeError
// when the handle is not one, or when the loaded core is older than this addon was built for.
inline const legate_core_api* core_api_from(const Napi::Value& handle) {
  Napi::Env env = handle.Env();
  if (!handle.IsExternal()) {
    throw Napi::TypeError::New(env, "coreApi: expected the handle returned by @legate/core's coreApi()");
  }
  const legate_core_api* api = handle.As<Napi::External<legate_core_api>>().Data();
  if (api == nullptr || api->abi_version != LEGATE_CORE_ABI_VERSION || api->size < sizeof(legate_core_api)) {
    throw Napi::Error::New(env, "coreApi: the loaded @legate/core speaks C ABI version " +
                                    std::to_string(api ? api->abi_version : 0) + ", this addon needs " +
                                    std::to_string(LEGATE_CORE_ABI_VERSION) +
                                    "; install matching versions of @legate packages");
  }
  return api;
}

// Reads the library name passed to an addon's `register(coreApi, name)`.
inline std::string library_name_from(const Napi::Value& value) {
  if (!value.IsString() || value.As<Napi::String>().Utf8Value().empty()) {
    throw Napi::TypeError::New(value.Env(), "name: expected a non-empty string");
  }
  return value.As<Napi::String>().Utf8Value();
}

}  // namespace legate
