#pragma once

// Every binding of core's addon runs through guarded<>: a C++ exception that is not already a
// JavaScript error becomes one instead of ending the process (node-addon-api converts only
// Napi::Error). OutOfMemory becomes an Error whose `code` is 'LEGATE_OUT_OF_MEMORY', carrying
// the bytes, the memory and, where known, the storage's shape and type code, for
// @legate/core to raise its MemoryError.

#include "comm.h"
#include <napi.h>

#include <new>
#include <stdexcept>
#include <string>

#include "allocator.h"

namespace legate {

inline Napi::Error out_of_memory_error(Napi::Env env, const OutOfMemory& e) {
  Napi::Error error = Napi::Error::New(env, e.what());
  error.Set("code", Napi::String::New(env, "LEGATE_OUT_OF_MEMORY"));
  error.Set("bytes", Napi::Number::New(env, static_cast<double>(e.bytes)));
  error.Set("memory", Napi::String::New(env, e.memory));
  if (e.type_code >= 0) {
    Napi::Array shape = Napi::Array::New(env, e.shape.size());
    for (size_t d = 0; d < e.shape.size(); ++d) shape.Set(static_cast<uint32_t>(d), static_cast<double>(e.shape[d]));
    error.Set("shape", shape);
    error.Set("typeCode", Napi::Number::New(env, e.type_code));
  }
  return error;
}

using Binding = Napi::Value (*)(const Napi::CallbackInfo&);

template <Binding F>
Napi::Value guarded(const Napi::CallbackInfo& info) {
  try {
    return F(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const OutOfMemory& e) {
    throw out_of_memory_error(info.Env(), e);
  } catch (const std::bad_alloc&) {
    throw out_of_memory_error(info.Env(), OutOfMemory("host", 0));
  } catch (const std::length_error& e) {
    throw Napi::RangeError::New(info.Env(), e.what());
  } catch (const std::invalid_argument& e) {
    throw Napi::RangeError::New(info.Env(), e.what());
  } catch (const RanksError& e) {
    Napi::Error error = Napi::Error::New(info.Env(), e.what());
    error.Set("code", Napi::String::New(info.Env(), "LEGATE_RANKS"));
    throw error;
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), std::string("internal error in the native runtime: ") + e.what());
  }
}

// Issues the launches fusion holds (Engine::flush_held), defined with the engine.
void flush_held_launches();

// guarded<> for a binding that touches what launches produce (a wait, a host access, a mode
// change): the launches fusion still holds are issued first.
template <Binding F>
Napi::Value flushing_binding(const Napi::CallbackInfo& info) {
  flush_held_launches();
  return F(info);
}

template <Binding F>
Napi::Value flushing(const Napi::CallbackInfo& info) {
  return guarded<flushing_binding<F>>(info);
}

}  // namespace legate
