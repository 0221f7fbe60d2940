/*
 * The C ABI of @legate/core's native runtime.
 *
 * A library addon (numeric's, sparse's, a third party's) is a separate shared object. It never
 * links against core: at load time its JavaScript side passes core's `coreApi()` handle to the
 * addon, which reads this table of function pointers from it. Fields are only ever appended;
 * `size` tells an addon which of them the loaded core provides.
 */
#ifndef LEGATE_CORE_ABI_H
#define LEGATE_CORE_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LEGATE_CORE_ABI_VERSION 1u

/* The most dimensions a store may have. */
#define LEGATE_MAX_DIM 6

/* Element types; the codes match @legate/core's `DType.code`. */
typedef enum legate_type_code {
  LEGATE_BOOL = 0,
  LEGATE_INT8 = 1,
  LEGATE_INT16 = 2,
  LEGATE_INT32 = 3,
  LEGATE_INT64 = 4,
  LEGATE_UINT8 = 5,
  LEGATE_UINT16 = 6,
  LEGATE_UINT32 = 7,
  LEGATE_UINT64 = 8,
  LEGATE_FLOAT32 = 9,
  LEGATE_FLOAT64 = 10,
  LEGATE_COMPLEX64 = 11,
  LEGATE_COMPLEX128 = 12
} legate_type_code;

/* Reduction operators; the codes match @legate/core's `ReductionOp`. */
typedef enum legate_redop {
  LEGATE_REDOP_NONE = 0,
  LEGATE_REDOP_ADD = 1,
  LEGATE_REDOP_MUL = 2,
  LEGATE_REDOP_MIN = 3,
  LEGATE_REDOP_MAX = 4,
  LEGATE_REDOP_AND = 5,
  LEGATE_REDOP_OR = 6,
  LEGATE_REDOP_XOR = 7
} legate_redop;

/*
 * One argument's piece as a point task sees it: a strided block of elements. `data` addresses
 * the element at the piece's origin; element (i0, i1, ...) of the piece is at
 * data + sum(i_d * strides[d]) elements. `offset` is the origin in the store's coordinates. A
 * reduction argument's piece is a private buffer the task folds into (start: the identity).
 */
typedef struct legate_physical_store {
  void* data;
  int32_t type_code;
  int32_t ndim;
  int64_t shape[LEGATE_MAX_DIM];
  int64_t strides[LEGATE_MAX_DIM];
  int64_t offset[LEGATE_MAX_DIM];
  int32_t redop;
  int32_t reserved;
} legate_physical_store;

/* What a point task receives. */
typedef struct legate_task_context {
  int32_t num_inputs;
  int32_t num_outputs;
  int32_t num_reductions;
  int32_t num_scalars;
  const legate_physical_store* inputs;
  const legate_physical_store* outputs;
  const legate_physical_store* reductions;
  const void* const* scalars;  /* each scalar's bytes, in the launch's order */
  const uint64_t* scalar_sizes;
  int32_t launch_ndim;         /* the point's place in the launch's grid of point tasks */
  int32_t reserved;
  int64_t point[LEGATE_MAX_DIM];
  int64_t launch_shape[LEGATE_MAX_DIM];
  void* runtime_private;       /* for the runtime's own use */
} legate_task_context;

/* A task variant. It reports failure through legate_core_api.task_fail, never by unwinding. */
typedef void (*legate_task_fn)(legate_task_context* context);

/* What a library was built with, reported by `runtime.features` and `legate --info`. */
typedef struct legate_feature {
  const char* name;   /* short lower-case name: "blas", "cufft" */
  int32_t enabled;    /* 1 when built in and usable */
  const char* detail; /* what was found, or why it is off */
} legate_feature;

typedef struct legate_core_api {
  uint32_t abi_version; /* LEGATE_CORE_ABI_VERSION of the loaded core */
  uint32_t size;        /* sizeof(legate_core_api) of the loaded core */

  /* Version string of the loaded core, e.g. "0.1.0". */
  const char* (*core_version)(void);

  /*
   * Registers a library under a unique name with the features it was built with (copied).
   * `owner` is any address inside the registering addon (a static variable's): worker threads
   * load the same addon again, and registering the same name with the same owner returns the
   * id given the first time. Returns the library's id (>= 0), or -1 when another addon holds
   * the name or the name is empty.
   */
  int32_t (*register_library)(const char* name, const void* owner, const legate_feature* features,
                              uint32_t num_features);

  /*
   * Registers the CPU variant of task `task_id` (>= 0, unique within the library) under a name
   * used in messages. Returns 0, or -1 when the library is unknown or the id is taken.
   */
  int32_t (*register_task)(int32_t library, int32_t task_id, const char* name, legate_task_fn cpu);

  /*
   * Called by a task to fail: the runtime marks the task's outputs with the error, which is
   * thrown at the first wait that depends on them. The task should return right after.
   */
  void (*task_fail)(legate_task_context* context, const char* message);

  /*
   * For an unbound output (one whose size only the task knows; its physical store has data NULL
   * and shape[0] == -1): allocates this point task's piece of `count` elements and returns where
   * to write them. Call it once per point task and output. The runtime joins the pieces in
   * point order into a 1-D store. Returns NULL (and fails the task) on a bad call.
   */
  void* (*create_output_buffer)(legate_task_context* context, int32_t output, int64_t count);

  /*
   * Declares registered task `task_id` elementwise, so that the runtime may fuse its launches
   * with the elementwise launches around them (of any library) into one pass over memory. Such
   * a task has only inputs and outputs (no reductions, no unbound outputs), all of one shape and
   * aligned, and each output element depends only on the input elements at its own position
   * (and on that position, through `offset`): the runtime may then run it on any block of its
   * piece, with the block's inputs and outputs in cache-sized buffers of their own. It must be
   * deterministic and touch nothing but its arguments: the runtime may run it later than it was
   * launched, again on the same inputs, or not at all when nothing reads what it writes.
   * Returns 0, or -1 when the task is unknown. Present when `size` covers it (check first).
   */
  int32_t (*declare_elementwise)(int32_t library, int32_t task_id);
} legate_core_api;

#ifdef __cplusplus
}
#endif

#endif /* LEGATE_CORE_ABI_H */
