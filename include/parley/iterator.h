// Iterators over scan results, LevelDB style:
//   for (; it->Valid(); it->Next()) Use(it->quad());
//   if (!it->status().ok()) ...
#pragma once

#include "absl/status/status.h"
#include "parley/quad.h"

namespace parley {

// Not thread-safe. An iterator keeps its read view's snapshot and the
// database's storage alive, so it may outlive the view and the Database.
class QuadIterator {
 public:
  virtual ~QuadIterator() = default;
  // False at the end and after an error (then status() says which).
  virtual bool Valid() const = 0;
  // REQUIRES: Valid().
  virtual void Next() = 0;
  // REQUIRES: Valid(). The reference is invalidated by Next().
  virtual const Quad& quad() const = 0;
  virtual absl::Status status() const = 0;
};

// As QuadIterator, over ids; same lifetime and thread-safety.
class IdQuadIterator {
 public:
  virtual ~IdQuadIterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual const IdQuad& quad() const = 0;
  virtual absl::Status status() const = 0;
};

}  // namespace parley
