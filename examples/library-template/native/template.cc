// The template library's native tasks, written against the C++ task API that @legate/core ships
// (legate/task.hpp) and registered through its C ABI (legate/core_abi.h, legate/addon.hpp). The
// addon links nothing of core's: the runtime hands it a table of functions at registration.
#include <napi.h>

#include <cstdint>
#include <string>

#include <legate/addon.hpp>
#include <legate/task.hpp>

namespace {

// The ids src/index.ts launches.
enum TaskId : int32_t { AXPBY = 0, SUM_OF_SQUARES = 1, POSITIVES = 2 };

// out = a * x + b * y over this point task's piece; x, y and out are aligned (same shape).
struct Axpby : legate::LegateTask<Axpby> {
  static constexpr int32_t TASK_ID = AXPBY;
  static constexpr const char* NAME = "template.axpby";
  // Each output element from the inputs' at its position: the runtime may fuse its launches
  // with the elementwise launches around them (numeric's too) into one pass over memory.
  static constexpr bool ELEMENTWISE = true;

  static void cpu_variant(legate::TaskContext& context) {
    const legate::PhysicalStore x = context.input(0);
    const legate::PhysicalStore y = context.input(1);
    const legate::PhysicalStore out = context.output(0);
    const double a = context.scalar<double>(0);
    const double b = context.scalar<double>(1);
    legate::dispatch_float(
        out.type_code(),
        [&](auto zero) {
          using T = decltype(zero);
          // Each accessor checks that the piece holds T: a mismatch fails the task, naming it.
          const auto xs = x.read<T>();
          const auto ys = y.read<T>();
          const auto os = out.write<T>();
          const T ta = static_cast<T>(a);
          const T tb = static_cast<T>(b);
          // Whole rows, so the inner loop is one a compiler vectorises when the strides are 1.
          legate::for_each_row({x, y, out}, [&](const int64_t* base, int64_t n, const int64_t* step) {
            for (int64_t i = 0; i < n; ++i) {
              os.at(base[2] + i * step[2]) = ta * xs.at(base[0] + i * step[0]) + tb * ys.at(base[1] + i * step[1]);
            }
          });
        },
        NAME);
  }
};

// total += sum(x * x) over this piece; `total` is a 0-D ADD reduction the runtime folds.
struct SumOfSquares : legate::LegateTask<SumOfSquares> {
  static constexpr int32_t TASK_ID = SUM_OF_SQUARES;
  static constexpr const char* NAME = "template.sum_of_squares";

  static void cpu_variant(legate::TaskContext& context) {
    const legate::PhysicalStore x = context.input(0);
    const legate::PhysicalStore total = context.reduction(0);
    if (total.dim() != 0) throw legate::TaskError("reduction 0: expected a 0-D store, got a " + std::to_string(total.dim()) + "-D one");
    legate::dispatch_float(
        x.type_code(),
        [&](auto zero) {
          using T = decltype(zero);
          const auto xs = x.read<T>();
          // Accumulate in double for float32 pieces too, as NumPy's pairwise sum keeps precision.
          double sum = 0;
          legate::for_each_row({x}, [&](const int64_t* base, int64_t n, const int64_t* step) {
            for (int64_t i = 0; i < n; ++i) {
              const double v = static_cast<double>(xs.at(base[0] + i * step[0]));
              sum += v * v;
            }
          });
          total.reduce<T>()() += static_cast<T>(sum);
        },
        NAME);
  }
};

// The elements of x greater than zero, in order: an unbound output, whose size only the task
// knows. Each point task counts its piece's, asks for a buffer of that many, and fills it; the
// runtime joins the pieces in point order (x is 1-D, so that is x's order).
struct Positives : legate::LegateTask<Positives> {
  static constexpr int32_t TASK_ID = POSITIVES;
  static constexpr const char* NAME = "template.positives";

  static void cpu_variant(legate::TaskContext& context) {
    const legate::PhysicalStore x = context.input(0);
    if (x.dim() != 1) throw legate::TaskError("input 0: expected a 1-D store, got a " + std::to_string(x.dim()) + "-D one");
    legate::dispatch_float(
        x.type_code(),
        [&](auto zero) {
          using T = decltype(zero);
          const auto xs = x.read<T>();
          const int64_t n = x.shape(0);
          int64_t count = 0;
          for (int64_t i = 0; i < n; ++i) count += xs(i) > T(0);
          T* out = context.create_output_buffer<T>(0, count);
          for (int64_t i = 0, k = 0; i < n; ++i)
            if (xs(i) > T(0)) out[k++] = xs(i);
        },
        NAME);
  }
};

// register(coreApi, name) -> the library's id. Core calls it from createLibrary(name, addon), on
// every import (a worker thread imports again): the same `owner` gets the same id back.
Napi::Value Register(const Napi::CallbackInfo& info) {
  const legate_core_api* api = legate::core_api_from(info[0]);  // checks the handle and the ABI version
  const std::string name = legate::library_name_from(info[1]);
  static const char owner = 0;
  legate_feature features[] = {
      {"axpby", 1, "a * x + b * y over float32 and float64 arrays"},
      {"positives", 1, "the positive elements of an array (an unbound output)"},
      {"gpu", 0, "no GPU variant in this template"},
  };
  const int32_t id = api->register_library(name.c_str(), &owner, features, 3);
  if (id < 0) throw Napi::Error::New(info.Env(), "register: another library already holds the name '" + name + "'");
  static int32_t registered = -1;
  if (id != registered) {
    if (!legate::register_tasks<Axpby, SumOfSquares, Positives>(api, id)) {
      throw Napi::Error::New(info.Env(), "register: the task ids of '" + name + "' are taken");
    }
    registered = id;
  }
  return Napi::Number::New(info.Env(), id);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("register", Napi::Function::New(env, Register, "register"));
  return exports;
}

}  // namespace

NODE_API_MODULE(legate_template, Init)
