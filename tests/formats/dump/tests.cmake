# tests/formats/dump extras: the "newer" copy of the dump schema that
# dump_compat_test.cc writes with (generated like schema/*.capnp, into
# ${PROJECT_BINARY_DIR}/tests/formats/dump/).
function(parley_schema_v2_for_tests)
  if(NOT TARGET parley_formats_dump_tests)
    return()
  endif()
  set(CAPNPC_SRC_PREFIX ${PROJECT_SOURCE_DIR})
  set(CAPNPC_OUTPUT_DIR ${PROJECT_BINARY_DIR})
  capnp_generate_cpp(v2_srcs v2_hdrs ${PROJECT_SOURCE_DIR}/tests/formats/dump/dump_v2_test.capnp)
  target_sources(parley_formats_dump_tests PRIVATE ${v2_srcs})
endfunction()
parley_schema_v2_for_tests()

# dump_compat_test.cc also writes dumps with Cap'n Proto's command-line tool,
# a producer that knows nothing of Parley but docs/dump-format.md.
if(TARGET parley_formats_dump_tests)
  target_compile_definitions(parley_formats_dump_tests PRIVATE
    PARLEY_CAPNP_TOOL="${CAPNP_EXECUTABLE}" PARLEY_CAPNP_INCLUDE="${CAPNP_INCLUDE_DIRECTORY}")
endif()
