# legate_add_addon(<target> OUTPUT_DIR <dir> SOURCES <src>...)
# Builds a Node-API addon (<target>.node) into OUTPUT_DIR, the package's prebuilds/<platform>-<arch>,
# or, when LEGATE_ADDON_DIR is set, into LEGATE_ADDON_DIR/<platform>-<arch> (every addon in one
# folder, which LEGATE_PREBUILDS makes loadNativeAddon prefer: a sanitizer build's addons).
set(LEGATE_NODE_INCLUDE_DIR "" CACHE PATH "Node.js headers (node_api.h)")
set(LEGATE_NODE_ADDON_API_DIR "" CACHE PATH "node-addon-api headers (napi.h)")
set(LEGATE_PLATFORM "linux-x64" CACHE STRING "prebuilds folder name: <platform>-<arch>")

if(NOT EXISTS "${LEGATE_NODE_INCLUDE_DIR}/node_api.h")
  message(FATAL_ERROR "Node.js headers not found (LEGATE_NODE_INCLUDE_DIR='${LEGATE_NODE_INCLUDE_DIR}'). "
    "Build through `pnpm -r build`, which finds them, or install them (Debian: apt-get install libnode-dev).")
endif()
if(NOT EXISTS "${LEGATE_NODE_ADDON_API_DIR}/napi.h")
  message(FATAL_ERROR "node-addon-api headers not found (LEGATE_NODE_ADDON_API_DIR='${LEGATE_NODE_ADDON_API_DIR}'). Run `pnpm install` first.")
endif()

set(LEGATE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers)
set(LEGATE_SANITIZE "" CACHE STRING "sanitizers for a debug build, e.g. address,undefined")
set(LEGATE_ADDON_DIR "" CACHE PATH "one folder for every addon instead of the packages' prebuilds (empty: the packages')")

function(legate_add_addon target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  if(LEGATE_ADDON_DIR)
    set(ARG_OUTPUT_DIR "${LEGATE_ADDON_DIR}")
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    SUFFIX ".node"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}/${LEGATE_PLATFORM}")
  target_include_directories(${target} SYSTEM PRIVATE "${LEGATE_NODE_INCLUDE_DIR}" "${LEGATE_NODE_ADDON_API_DIR}")
  target_compile_definitions(${target} PRIVATE
    NAPI_VERSION=8 NAPI_CPP_EXCEPTIONS NODE_ADDON_API_DISABLE_DEPRECATED)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:${LEGATE_WARNINGS}>)
  # No code here reads errno, and with it set std::sqrt is a scalar instruction plus a libm call
  # for negative inputs (to set EDOM): without it, sqrt loops vectorise (sqrtpd). Results are the
  # same (NaN for negative inputs either way).
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C,CXX>:-fno-math-errno>)
  legate_apply_sanitizers(${target})
endfunction()

# -Og -g1: line numbers in the reports (-g1 keeps the line tables, not the variables) at a
# bearable speed, after the build type's -O and -g, so they win. Against -O1 -g the sanitizer
# build of every addon takes 300 s instead of ~950 s on 2 cores (structure.cc 121 s, was 550 s),
# and the sanitized suites run as fast.
# Undefined behaviour is an error: the first finding aborts, as ASan's do, instead of a warning.
function(legate_apply_sanitizers target)
  if(LEGATE_SANITIZE)
    set(flags -fsanitize=${LEGATE_SANITIZE} -fno-omit-frame-pointer -Og -g1)
    if(LEGATE_SANITIZE MATCHES "undefined")
      list(APPEND flags -fno-sanitize-recover=undefined)
    endif()
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C,CXX>:${flags}>)
    target_link_options(${target} PRIVATE -fsanitize=${LEGATE_SANITIZE})
  endif()
endfunction()
