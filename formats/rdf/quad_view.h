// The readers and writers speak the engine's term and quad views (defined
// in engine/term_view.h, so the bulk loader can consume them without
// depending on the formats).
#pragma once

#include "engine/term_view.h"

namespace parley::engine::io {

using ::parley::engine::QuadView;
using ::parley::engine::TermView;

}  // namespace parley::engine::io
