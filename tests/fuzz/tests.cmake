# libFuzzer target for the dump reader (clang only), and a CTest test that
# runs it for a fixed number of inputs from a seed corpus generated first.
#
# The reader code is compiled into the fuzzer itself, so that libFuzzer's
# coverage and ASan see it: formats/dump/*.cc, a private copy of the generated
# dump.capnp code, and rdf/*.cc (Term::Validate() in rdf/term.cc is part of
# what the reader runs on untrusted bytes) with engine/term_view.cc. They
# need nothing else from engine/; not linking parley_engine keeps these
# targets independent of the rest of the engine (add it after the sources if
# they ever need more). The seed generator uses the same sources,
# uninstrumented.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT TARGET parley_formats_dump)
  return()
endif()

function(parley_dump_reader_fuzz)
  set(fuzz_gen ${PROJECT_BINARY_DIR}/fuzz-gen)
  set(CAPNPC_SRC_PREFIX ${PROJECT_SOURCE_DIR})
  set(CAPNPC_OUTPUT_DIR ${fuzz_gen})
  capnp_generate_cpp(fuzz_capnp_srcs fuzz_capnp_hdrs ${PROJECT_SOURCE_DIR}/schema/dump.capnp)
  file(GLOB schema_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/formats/dump/*.cc
       ${PROJECT_SOURCE_DIR}/rdf/*.cc)

  add_executable(dump_reader_fuzz ${CMAKE_CURRENT_LIST_DIR}/dump_reader_fuzz.cc
                 ${schema_sources} ${fuzz_capnp_srcs} ${PROJECT_SOURCE_DIR}/engine/term_view.cc)
  target_include_directories(dump_reader_fuzz BEFORE PRIVATE ${fuzz_gen})
  target_compile_options(dump_reader_fuzz PRIVATE -fsanitize=fuzzer,address
                         -fno-omit-frame-pointer)
  target_link_options(dump_reader_fuzz PRIVATE -fsanitize=fuzzer,address)
  set(common_libs parley_warnings parley_headers CapnProto::capnp CapnProto::kj
                  PkgConfig::XXHASH PkgConfig::ZSTD absl::flat_hash_map absl::status
                  absl::statusor absl::strings absl::str_format)
  target_link_libraries(dump_reader_fuzz PRIVATE ${common_libs})

  # Built from the same sources without instrumentation (and without
  # parley_formats_dump, so that it does not wait for parley_formats_rdf).
  add_executable(dump_fuzz_seeds ${CMAKE_CURRENT_LIST_DIR}/dump_fuzz_seeds.cc
                 ${schema_sources} ${fuzz_capnp_srcs} ${PROJECT_SOURCE_DIR}/engine/term_view.cc)
  target_include_directories(dump_fuzz_seeds BEFORE PRIVATE ${fuzz_gen})
  target_link_libraries(dump_fuzz_seeds PRIVATE ${common_libs})

  set(corpus ${CMAKE_CURRENT_BINARY_DIR}/fuzz/dump_reader_corpus)
  add_test(NAME dump_reader_fuzz_seeds COMMAND dump_fuzz_seeds ${corpus})
  set_tests_properties(dump_reader_fuzz_seeds PROPERTIES FIXTURES_SETUP dump_reader_corpus
                       LABELS fuzz)
  # -seed fixes the mutation sequence so that CI runs are repeatable.
  add_test(NAME dump_reader_fuzz
           COMMAND dump_reader_fuzz -runs=20000 -seed=1 -max_len=4096 -rss_limit_mb=2048
                   ${corpus})
  set_tests_properties(dump_reader_fuzz PROPERTIES FIXTURES_REQUIRED dump_reader_corpus
                       LABELS fuzz TIMEOUT 300)
endfunction()
parley_dump_reader_fuzz()
