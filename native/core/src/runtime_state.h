#pragma once

#include "allocator.h"
#include "storage.h"

namespace legate {

// The process-wide state of core's runtime, shared by every thread that loads the addon.
struct RuntimeState {
  CachingAllocator host_allocator;
  StorageTable storages;

  static RuntimeState& instance();

 private:
  RuntimeState();
};

}  // namespace legate
