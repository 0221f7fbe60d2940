/* A third party's library addon, in plain C: it registers into @legate/core's runtime through
 * the C ABI headers shipped in the installed @legate/core package, and nothing else. */
#include <node_api.h>
#include <stdio.h>

#include <legate/core_abi.h>

static const char owner = 0;
static int32_t tasks_of = -1; /* the library id whose tasks this addon registered */

static void square_task(legate_task_context* ctx) {
  const legate_physical_store* in = &ctx->inputs[0];
  const legate_physical_store* out = &ctx->outputs[0];
  for (int64_t i = 0; i < out->shape[0]; ++i) {
    double x = ((const double*)in->data)[i * in->strides[0]];
    ((double*)out->data)[i * out->strides[0]] = x * x;
  }
}

static napi_value fail(napi_env env, const char* message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/* register(coreApi, name) -> library id */
static napi_value register_library(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  void* handle = NULL;
  char name[64];
  size_t length = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2 || napi_get_value_external(env, argv[0], &handle) != napi_ok) return fail(env, "coreApi: expected core's handle");
  if (napi_get_value_string_utf8(env, argv[1], name, sizeof name, &length) != napi_ok) return fail(env, "name: expected a string");
  const legate_core_api* api = (const legate_core_api*)handle;
  if (api->abi_version != LEGATE_CORE_ABI_VERSION || api->size < sizeof(legate_core_api)) return fail(env, "coreApi: ABI mismatch");
  /* Stack-local on purpose: core copies the features. */
  char detail[96];
  snprintf(detail, sizeof detail, "squares float64 vectors (built against ABI %u)", LEGATE_CORE_ABI_VERSION);
  legate_feature features[] = {{"square", 1, detail}, {"gpu", 0, "no CUDA variant in this example"}};
  int32_t id = api->register_library(name, &owner, features, 2);
  if (id < 0) {
    char message[160];
    snprintf(message, sizeof message, "register: another library already holds the name '%s'", name);
    return fail(env, message);
  }
  /* Registering again (a re-import, a worker thread) returns the same id: the tasks are there. */
  if (id != tasks_of && api->register_task(id, 0, "square", square_task) != 0) return fail(env, "register: task 0 is taken");
  tasks_of = id;
  napi_value result;
  napi_create_int32(env, id, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "register", NAPI_AUTO_LENGTH, register_library, NULL, &fn);
  napi_set_named_property(env, exports, "register", fn);
  return exports;
}
