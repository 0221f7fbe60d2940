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
} legate_core_api;

#ifdef __cplusplus
}
#endif

#endif /* LEGATE_CORE_ABI_H */
