#pragma once

#include <napi.h>

namespace legate {

void export_engine_functions(Napi::Env env, Napi::Object exports);

}  // namespace legate
