// Helpers for a library addon written with node-addon-api that registers into @legate/core.
#pragma once

#include <napi.h>

#include <cstddef>
#include <string>

#include "legate/core_abi.h"

namespace legate {

// Reads core's ABI table from the handle returned by core's `coreApi()`; throws a JS TypeError
// when the handle is not one, or when the loaded core speaks another ABI version or lacks the
// table's first fields (those of version 1's first release). Fields appended since
// (`declare_elementwise`) are there when `api->size` covers them: check before calling one.
inline const legate_core_api* core_api_from(const Napi::Value& handle) {
  Napi::Env env = handle.Env();
  if (!handle.IsExternal()) {
    throw Napi::TypeError::New(env, "coreApi: expected the handle returned by @legate/core's coreApi()");
  }
  const legate_core_api* api = handle.As<Napi::External<legate_core_api>>().Data();
  const size_t base = offsetof(legate_core_api, create_output_buffer) + sizeof api->create_output_buffer;
  if (api == nullptr || api->abi_version != LEGATE_CORE_ABI_VERSION || api->size < base) {
    throw Napi::Error::New(env, "coreApi: the loaded @legate/core speaks C ABI version " +
                                    std::to_string(api ? api->abi_version : 0) + " with a table of " +
                                    std::to_string(api ? api->size : 0) + " bytes, this addon needs version " +
                                    std::to_string(LEGATE_CORE_ABI_VERSION) + " with at least " + std::to_string(base) +
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
