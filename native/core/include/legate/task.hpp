// The C++ task API of @legate/core, header-only, over the C ABI in core_abi.h.
//
// A library's task is a class with an id, a name and a CPU variant:
//
//   struct Scale : legate::LegateTask<Scale> {
//     static constexpr int32_t TASK_ID = 0;
//     static constexpr const char* NAME = "mylib.scale";
//     static void cpu_variant(legate::TaskContext& context) {
//       auto in = context.input(0);
//       auto out = context.output(0);
//       const double factor = context.scalar<double>(0);
//       legate::dispatch_float(out.type_code(), [&](auto zero) {
//         using T = decltype(zero);
//         auto x = in.read<T>();
//         auto y = out.write<T>();
//         legate::for_each_index(out, [&](const int64_t* i) { y[i] = static_cast<T>(factor * x[i]); });
//       });
//     }
//   };
//
// and is registered once its library is: `Scale::register_variants(api, library_id)`. A variant
// fails by throwing (legate::TaskError or any std::exception; the message reaches the user's
// JavaScript at the first wait that depends on the task's outputs) or by calling
// `context.fail(message)` and returning. Nothing a variant throws unwinds into the runtime.
//
// A `gpu_variant(TaskContext&)` is accepted and kept for the runtime's GPU processors; this
// version of the C ABI (LEGATE_CORE_ABI_VERSION 1) registers CPU variants only, so the CPU
// variant always runs (`has_gpu_variant` tells what a class provides).
//
// Pieces: `context.input(i)` / `output(i)` / `reduction(i)` is a PhysicalStore, the strided block
// of elements this point task sees: `shape(d)`, `strides(d)` (in elements), `offset(d)` (where
// the piece starts in the whole store's coordinates). Typed access checks the element type:
// `read<T>()` (const), `write<T>()` and `reduce<T>()` return an Accessor indexed by an array of
// per-dimension indices local to the piece, or by the (i0, i1, ...) call operator.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "legate/core_abi.h"

namespace legate {

// ---- element types ----------------------------------------------------------------------------

template <typename T>
struct is_complex : std::false_type {};
template <typename T>
struct is_complex<std::complex<T>> : std::true_type {};
template <typename T>
inline constexpr bool is_complex_v = is_complex<T>::value;

// The real type of T's components (T itself unless complex).
template <typename T>
struct real_of {
  using type = T;
};
template <typename T>
struct real_of<std::complex<T>> {
  using type = T;
};
template <typename T>
using real_t = typename real_of<T>::type;

// Integers but not bool.
template <typename T>
inline constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// The type code of an element type (bool is stored as one byte, 0 or 1).
template <typename T>
constexpr int32_t type_code_of() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>) return LEGATE_BOOL;
  else if constexpr (std::is_same_v<U, int8_t>) return LEGATE_INT8;
  else if constexpr (std::is_same_v<U, int16_t>) return LEGATE_INT16;
  else if constexpr (std::is_same_v<U, int32_t>) return LEGATE_INT32;
  else if constexpr (std::is_same_v<U, int64_t>) return LEGATE_INT64;
  else if constexpr (std::is_same_v<U, uint8_t>) return LEGATE_UINT8;
  else if constexpr (std::is_same_v<U, uint16_t>) return LEGATE_UINT16;
  else if constexpr (std::is_same_v<U, uint32_t>) return LEGATE_UINT32;
  else if constexpr (std::is_same_v<U, uint64_t>) return LEGATE_UINT64;
  else if constexpr (std::is_same_v<U, float>) return LEGATE_FLOAT32;
  else if constexpr (std::is_same_v<U, double>) return LEGATE_FLOAT64;
  else if constexpr (std::is_same_v<U, std::complex<float>>) return LEGATE_COMPLEX64;
  else if constexpr (std::is_same_v<U, std::complex<double>>) return LEGATE_COMPLEX128;
  else static_assert(sizeof(U) == 0, "legate::type_code_of: not an element type");
}

// The name @legate/core's DType uses for a type code ("float64"), or "unknown".
inline const char* type_name(int32_t code) {
  static const char* const names[] = {"bool",   "int8",   "int16",   "int32",   "int64",     "uint8",      "uint16",
                                      "uint32", "uint64", "float32", "float64", "complex64", "complex128"};
  return code >= 0 && code <= LEGATE_COMPLEX128 ? names[code] : "unknown";
}

// Calls f(T{}) with T the element type of `code`; returns false (calling nothing) for an unknown
// code.
template <typename F>
bool dispatch(int32_t code, F&& f) {
  switch (code) {
    case LEGATE_BOOL: f(bool{}); return true;
    case LEGATE_INT8: f(int8_t{}); return true;
    case LEGATE_INT16: f(int16_t{}); return true;
    case LEGATE_INT32: f(int32_t{}); return true;
    case LEGATE_INT64: f(int64_t{}); return true;
    case LEGATE_UINT8: f(uint8_t{}); return true;
    case LEGATE_UINT16: f(uint16_t{}); return true;
    case LEGATE_UINT32: f(uint32_t{}); return true;
    case LEGATE_UINT64: f(uint64_t{}); return true;
    case LEGATE_FLOAT32: f(float{}); return true;
    case LEGATE_FLOAT64: f(double{}); return true;
    case LEGATE_COMPLEX64: f(std::complex<float>{}); return true;
    case LEGATE_COMPLEX128: f(std::complex<double>{}); return true;
    default: return false;
  }
}

// ---- failures ----------------------------------------------------------------------------------

// What a variant throws to fail its task; the message is what the user sees.
class TaskError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Like dispatch, restricted to float32/float64 (the common case of a numerical kernel); throws a
// TaskError naming `what` and the type otherwise.
template <typename F>
void dispatch_float(int32_t code, F&& f, const char* what = "this task") {
  if (code == LEGATE_FLOAT32) f(float{});
  else if (code == LEGATE_FLOAT64) f(double{});
  else throw TaskError(std::string(what) + ": expected float32 or float64 elements, got " + type_name(code));
}

// ---- pieces ------------------------------------------------------------------------------------

// A typed view of one piece: element (i0, i1, ...) is at data + sum(i_d * strides[d]).
template <typename T>
class Accessor {
 public:
  Accessor(T* data, const int64_t* strides, int32_t ndim) : data_(data), ndim_(ndim) {
    for (int32_t d = 0; d < ndim; ++d) strides_[d] = strides[d];
  }
  // By an array of per-dimension indices, local to the piece.
  T& operator[](const int64_t* index) const {
    int64_t at = 0;
    for (int32_t d = 0; d < ndim_; ++d) at += index[d] * strides_[d];
    return data_[at];
  }
  // a(i) on a 1-D piece, a(i, j) on a 2-D one, ...; a() on a 0-D one.
  template <typename... I>
  T& operator()(I... index) const {
    static_assert(sizeof...(I) <= LEGATE_MAX_DIM, "more indices than LEGATE_MAX_DIM");
    const int64_t list[sizeof...(I) + 1] = {static_cast<int64_t>(index)..., 0};
    int64_t at = 0;
    if constexpr (sizeof...(I) > 0)
      for (size_t d = 0; d < sizeof...(I); ++d) at += list[d] * strides_[d];
    return data_[at];
  }
  // By an element offset (as for_each_row's bases and strides give).
  T& at(int64_t element_offset) const { return data_[element_offset]; }
  T* data() const { return data_; }
  int64_t stride(int32_t d) const { return strides_[d]; }

 private:
  T* data_;
  int64_t strides_[LEGATE_MAX_DIM] = {};
  int32_t ndim_;
};

class PhysicalStore {
 public:
  explicit PhysicalStore(const legate_physical_store* raw, const char* role = "argument", int32_t index = 0)
      : raw_(raw), role_(role), index_(index) {}

  int32_t dim() const { return raw_->ndim; }
  int32_t type_code() const { return raw_->type_code; }
  const char* type() const { return type_name(raw_->type_code); }
  int64_t shape(int32_t d) const { return raw_->shape[check_dim(d)]; }
  int64_t strides(int32_t d) const { return raw_->strides[check_dim(d)]; }
  int64_t offset(int32_t d) const { return raw_->offset[check_dim(d)]; }
  const int64_t* shape() const { return raw_->shape; }
  const int64_t* strides() const { return raw_->strides; }
  const int64_t* offset() const { return raw_->offset; }
  // The piece's element count (1 for a 0-D store).
  int64_t volume() const {
    int64_t count = 1;
    for (int32_t d = 0; d < raw_->ndim; ++d) count *= raw_->shape[d];
    return count;
  }
  bool empty() const { return !is_unbound() && volume() == 0; }
  // An output whose size only the task knows (TaskContext::create_output_buffer fills it).
  bool is_unbound() const { return raw_->data == nullptr && raw_->ndim > 0 && raw_->shape[0] == -1; }
  // The reduction operator of a reduction argument (LEGATE_REDOP_NONE otherwise).
  int32_t redop() const { return raw_->redop; }
  const legate_physical_store& raw() const { return *raw_; }

  // Typed accessors; each throws a TaskError when T is not the store's element type.
  template <typename T>
  Accessor<const T> read() const {
    return Accessor<const T>(typed<const T>(), raw_->strides, raw_->ndim);
  }
  template <typename T>
  Accessor<T> write() const {
    return Accessor<T>(typed<T>(), raw_->strides, raw_->ndim);
  }
  template <typename T>
  Accessor<T> reduce() const {
    return Accessor<T>(typed<T>(), raw_->strides, raw_->ndim);
  }
  // The piece's first element, typed (checked as the accessors are).
  template <typename T>
  T* data() const {
    return typed<T>();
  }

 private:
  int32_t check_dim(int32_t d) const {
    if (d < 0 || d >= raw_->ndim) {
      throw TaskError(std::string(role_) + " " + std::to_string(index_) + ": dimension " + std::to_string(d) +
                      " of a " + std::to_string(raw_->ndim) + "-D store");
    }
    return d;
  }
  template <typename T>
  T* typed() const {
    if (type_code_of<std::remove_const_t<T>>() != raw_->type_code) {
      throw TaskError(std::string(role_) + " " + std::to_string(index_) + ": holds " + type_name(raw_->type_code) +
                      " elements, accessed as " + type_name(type_code_of<std::remove_const_t<T>>()));
    }
    return static_cast<T*>(raw_->data);
  }

  const legate_physical_store* raw_;
  const char* role_;
  int32_t index_;
};

// ---- iteration ---------------------------------------------------------------------------------

// Calls body(bases, n, strides) for every line of the first store's piece along `axis`, the
// other dimensions in C order: bases[s] is the element offset of the line's first element in
// store s, strides[s] its step along the line (the stores' shapes must be the first one's, as
// aligned arguments are). A scan or an arg-reduction needs a whole axis in order.
template <size_t N, typename Body>
void for_each_line(const legate_physical_store* const (&stores)[N], int32_t axis, Body&& body) {
  const auto& first = *stores[0];
  for (int32_t d = 0; d < first.ndim; ++d)
    if (first.shape[d] <= 0) return;
  int64_t index[LEGATE_MAX_DIM] = {};
  int64_t base[N] = {};
  int64_t line_strides[N];
  for (size_t s = 0; s < N; ++s) line_strides[s] = stores[s]->strides[axis];
  for (;;) {
    body(static_cast<const int64_t*>(base), first.shape[axis], static_cast<const int64_t*>(line_strides));
    int32_t d = first.ndim;
    for (;;) {
      if (d == 0) return;
      --d;
      if (d == axis) continue;
      for (size_t s = 0; s < N; ++s) base[s] += stores[s]->strides[d];
      if (++index[d] < first.shape[d]) break;
      for (size_t s = 0; s < N; ++s) base[s] -= stores[s]->strides[d] * first.shape[d];
      index[d] = 0;
    }
  }
}

// for_each_line along the innermost dimension: every row, in C order (a 0-D piece is one row of
// one element). The loop over n in the body is the one a compiler vectorises when the strides
// are 1.
template <size_t N, typename Body>
void for_each_row(const legate_physical_store* const (&stores)[N], Body&& body) {
  if (stores[0]->ndim > 0) return for_each_line(stores, stores[0]->ndim - 1, std::forward<Body>(body));
  int64_t zero[N] = {};
  int64_t one[N];
  for (size_t s = 0; s < N; ++s) one[s] = 1;
  body(static_cast<const int64_t*>(zero), int64_t{1}, static_cast<const int64_t*>(one));
}

// for_each_row over pieces: for_each_row({x, y, out}, body). Throws a TaskError when a piece's
// shape is not the first one's (as when the launch did not align them).
template <size_t N, typename Body>
void for_each_row(const PhysicalStore (&stores)[N], Body&& body) {
  const legate_physical_store* raw[N];
  for (size_t s = 0; s < N; ++s) {
    raw[s] = &stores[s].raw();
    bool same = raw[s]->ndim == raw[0]->ndim;
    for (int32_t d = 0; same && d < raw[0]->ndim; ++d) same = raw[s]->shape[d] == raw[0]->shape[d];
    if (!same) {
      throw TaskError("for_each_row: piece " + std::to_string(s) + " has another shape than piece 0 (align the arguments)");
    }
  }
  for_each_row(raw, std::forward<Body>(body));
}

// Calls body(index) for every element of the piece, in C order; index holds the per-dimension
// indices local to the piece (add offset(d) for the whole store's coordinates). For a kernel
// where per-element index arithmetic is too slow, for_each_row gives whole rows.
template <typename Body>
void for_each_index(const PhysicalStore& store, Body&& body) {
  const int32_t ndim = store.dim();
  if (store.is_unbound() || store.volume() == 0) return;
  int64_t index[LEGATE_MAX_DIM] = {};
  for (;;) {
    body(static_cast<const int64_t*>(index));
    int32_t d = ndim;
    for (;;) {
      if (d == 0) return;
      --d;
      if (++index[d] < store.shape()[d]) break;
      index[d] = 0;
    }
  }
}

// ---- the task's view of its launch -------------------------------------------------------------

class TaskContext {
 public:
  TaskContext(legate_task_context* raw, const legate_core_api* api) : raw_(raw), api_(api) {}

  int32_t num_inputs() const { return raw_->num_inputs; }
  int32_t num_outputs() const { return raw_->num_outputs; }
  int32_t num_reductions() const { return raw_->num_reductions; }
  int32_t num_scalars() const { return raw_->num_scalars; }

  // Each throws a TaskError when the launch has no such argument.
  PhysicalStore input(int32_t i) const { return PhysicalStore(&raw_->inputs[check(i, raw_->num_inputs, "input")], "input", i); }
  PhysicalStore output(int32_t i) const {
    return PhysicalStore(&raw_->outputs[check(i, raw_->num_outputs, "output")], "output", i);
  }
  PhysicalStore reduction(int32_t i) const {
    return PhysicalStore(&raw_->reductions[check(i, raw_->num_reductions, "reduction")], "reduction", i);
  }

  // Scalar argument i, as the launch's bytes; throws a TaskError when its size is not sizeof(T).
  template <typename T>
  T scalar(int32_t i) const {
    static_assert(std::is_trivially_copyable_v<T>, "legate::TaskContext::scalar: T must be trivially copyable");
    check(i, raw_->num_scalars, "scalar");
    if (raw_->scalar_sizes[i] != sizeof(T)) {
      throw TaskError("scalar " + std::to_string(i) + ": " + std::to_string(raw_->scalar_sizes[i]) +
                      " bytes, read as a type of " + std::to_string(sizeof(T)));
    }
    T value;
    std::memcpy(&value, raw_->scalars[i], sizeof(T));
    return value;
  }
  // Scalar argument i's bytes (a string, an array of values).
  std::pair<const void*, uint64_t> scalar_bytes(int32_t i) const {
    check(i, raw_->num_scalars, "scalar");
    return {raw_->scalars[i], raw_->scalar_sizes[i]};
  }

  // This point task's place in the launch's grid of point tasks.
  int32_t launch_dim() const { return raw_->launch_ndim; }
  int64_t point(int32_t d) const { return raw_->point[d]; }
  int64_t launch_shape(int32_t d) const { return raw_->launch_shape[d]; }
  // The number of point tasks in the launch.
  int64_t launch_volume() const {
    int64_t count = 1;
    for (int32_t d = 0; d < raw_->launch_ndim; ++d) count *= raw_->launch_shape[d];
    return count;
  }

  // For an unbound output: this point task's piece of `count` elements of type T, joined by the
  // runtime in point order into a 1-D store. Call it once per point task and output.
  template <typename T>
  T* create_output_buffer(int32_t output, int64_t count) {
    PhysicalStore store = this->output(output);
    if (!store.is_unbound()) throw TaskError("output " + std::to_string(output) + ": not an unbound output");
    if (store.type_code() != type_code_of<T>()) {
      throw TaskError("output " + std::to_string(output) + ": holds " + store.type() + " elements, not " +
                      type_name(type_code_of<T>()));
    }
    void* data = api_->create_output_buffer(raw_, output, count);
    if (data == nullptr && count > 0) throw TaskError("output " + std::to_string(output) + ": no buffer for it");
    return static_cast<T*>(data);
  }

  // Fails the task with `message` (the first failure is the one reported); return right after.
  void fail(const std::string& message) {
    if (failed_) return;
    failed_ = true;
    api_->task_fail(raw_, message.c_str());
  }
  bool failed() const { return failed_; }

  legate_task_context* raw() const { return raw_; }
  const legate_core_api* api() const { return api_; }

 private:
  static int32_t check(int32_t i, int32_t count, const char* role) {
    if (i < 0 || i >= count) {
      throw TaskError(std::string(role) + " " + std::to_string(i) + ": the task was launched with " + std::to_string(count) +
                      " " + role + (count == 1 ? "" : "s"));
    }
    return i;
  }

  legate_task_context* raw_;
  const legate_core_api* api_;
  bool failed_ = false;
};

// ---- task classes ------------------------------------------------------------------------------

namespace detail {
template <typename T, typename = void>
struct has_gpu_variant : std::false_type {};
template <typename T>
struct has_gpu_variant<T, std::void_t<decltype(T::gpu_variant(std::declval<TaskContext&>()))>> : std::true_type {};
template <typename T, typename = void>
struct is_elementwise : std::false_type {};
template <typename T>
struct is_elementwise<T, std::void_t<decltype(T::ELEMENTWISE)>> : std::bool_constant<T::ELEMENTWISE> {};
}  // namespace detail

// The base of a task class (CRTP): Derived declares `static constexpr int32_t TASK_ID`,
// `static constexpr const char* NAME` and `static void cpu_variant(TaskContext&)`. A task that
// also declares `static constexpr bool ELEMENTWISE = true` (inputs and outputs of one shape,
// aligned; each output element computed from the input elements at its position; deterministic
// and touching nothing else) may be fused with the elementwise tasks around it, of any library
// (legate_core_api.declare_elementwise).
template <typename Derived>
class LegateTask {
 public:
  static constexpr bool has_gpu_variant = detail::has_gpu_variant<Derived>::value;

  // Registers the variants under the library's id. Returns true, or false when the library is
  // unknown or TASK_ID is taken there (as on a second registration of the same addon, from a
  // worker thread: the first registration's variants stay in place).
  static bool register_variants(const legate_core_api* api, int32_t library) {
    static_assert(std::is_same_v<decltype(Derived::cpu_variant(std::declval<TaskContext&>())), void>,
                  "a legate::LegateTask needs static void cpu_variant(legate::TaskContext&)");
    api_ = api;
    const bool registered = api->register_task(library, Derived::TASK_ID, Derived::NAME, &LegateTask::cpu_entry) == 0;
    if constexpr (detail::is_elementwise<Derived>::value) {
      if (registered && api->size >= offsetof(legate_core_api, declare_elementwise) + sizeof api->declare_elementwise) {
        api->declare_elementwise(library, Derived::TASK_ID);
      }
    }
    return registered;
  }

 private:
  static void cpu_entry(legate_task_context* raw) noexcept {
    TaskContext context(raw, api_);
    try {
      Derived::cpu_variant(context);
    } catch (const std::bad_alloc&) {
      context.fail(std::string(Derived::NAME) + ": out of memory");
    } catch (const std::exception& error) {
      context.fail(std::string(Derived::NAME) + ": " + error.what());
    } catch (...) {
      context.fail(std::string(Derived::NAME) + ": an exception that is not a std::exception");
    }
  }

  static inline const legate_core_api* api_ = nullptr;
};

// Registers several task classes: register_tasks<A, B, C>(api, library). Returns true when every
// one was registered.
template <typename... Tasks>
bool register_tasks(const legate_core_api* api, int32_t library) {
  return (Tasks::register_variants(api, library) & ... & true);
}

}  // namespace legate
