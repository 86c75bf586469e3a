# Warnings (errors in CI) and sanitizers, applied to Parley's own targets.
add_library(parley_warnings INTERFACE)
target_compile_options(parley_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor $<$<BOOL:${PARLEY_WERROR}>:-Werror>)
# GCC 12 at -O3 reports -Wrestrict from inside libstdc++'s std::string
# operator+ (GCC bug 105651, fixed in GCC 13): a false positive that would
# fail a Release build with PARLEY_WERROR=ON.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(parley_warnings INTERFACE -Wno-restrict)
endif()

if(PARLEY_SANITIZE)
  add_compile_options(-fsanitize=${PARLEY_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PARLEY_SANITIZE})
endif()

# Include paths: the repo root for internal headers, include/ for public ones.
add_library(parley_headers INTERFACE)
target_include_directories(parley_headers INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
                                                   $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)

# parley_library(NAME SOURCES... [LIBS ...]): a static library of one folder.
function(parley_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_SOURCES)  # a folder whose code has not been written yet
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE ${ARG_LIBS} parley_headers)
    return()
  endif()
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} parley_headers PRIVATE parley_warnings)
endfunction()
