# libFuzzer targets (clang only), each with a CTest test labelled `fuzz` that
# runs it for a fixed number of inputs from a seed corpus generated first
# (a FIXTURES_SETUP test), with -seed=1 so that CI runs are repeatable:
#
#   dump_reader_fuzz     DumpReader          seeds: small dumps (dump_fuzz_seeds)
#   rdf_reader_fuzz      ReadRdf, all four   seeds: W3C rdf-tests documents
#                        text formats        (w3c_fuzz_seeds rdf)
#   sparql_parser_fuzz   ParseQuery and      seeds: W3C SPARQL .rq and .ru files
#                        ParseUpdate         (w3c_fuzz_seeds sparql)
#   sparql_eval_fuzz     ParseQuery, then    seeds: the same corpus
#                        Execute over a
#                        fixed in-memory
#                        dataset
#
# The code under test is compiled into each fuzzer from its sources, with
# -fsanitize=fuzzer,address, rather than linked from the project's
# libraries: those are built without coverage instrumentation, so libFuzzer
# would mutate blind and ASan would miss their heap errors. The source sets
# are small and closed (no RocksDB, no rest of the engine), which also keeps
# these targets independent of the rest of the build. What stays
# uninstrumented is the system libraries: serd (which does the RDF
# tokenizing), zlib, zstd, abseil. sparql_eval_fuzz is the exception: it
# links the engine below the read seam (see its function below).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  return()
endif()

# parley_fuzz_target(NAME SOURCES... ): NAME built from SOURCES with libFuzzer
# and ASan.
function(parley_fuzz_target name)
  add_executable(${name} ${ARGN})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address -fno-omit-frame-pointer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address)
endfunction()

# The dump reader: formats/dump/*.cc, a private copy of the generated
# dump.capnp code, and rdf/*.cc (Term::Validate() in rdf/term.cc is part of
# what the reader runs on untrusted bytes) with engine/term_view.cc. The seed
# generator uses the same sources, uninstrumented.
function(parley_dump_reader_fuzz)
  if(NOT TARGET parley_formats_dump)
    return()
  endif()
  set(fuzz_gen ${PROJECT_BINARY_DIR}/fuzz-gen)
  set(CAPNPC_SRC_PREFIX ${PROJECT_SOURCE_DIR})
  set(CAPNPC_OUTPUT_DIR ${fuzz_gen})
  capnp_generate_cpp(fuzz_capnp_srcs fuzz_capnp_hdrs ${PROJECT_SOURCE_DIR}/schema/dump.capnp)
  file(GLOB schema_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/formats/dump/*.cc
       ${PROJECT_SOURCE_DIR}/rdf/*.cc)

  parley_fuzz_target(dump_reader_fuzz ${CMAKE_CURRENT_LIST_DIR}/dump_reader_fuzz.cc
                     ${schema_sources} ${fuzz_capnp_srcs} ${PROJECT_SOURCE_DIR}/engine/term_view.cc)
  target_include_directories(dump_reader_fuzz BEFORE PRIVATE ${fuzz_gen})
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

# The RDF text readers: the reading half of formats/rdf/ over serd, rdf/*.cc
# (IRI resolution, term validation) and engine/term_view.cc.
#
# The SPARQL parser: query/parser/*.cc (parsing and the translation into the
# algebra), query/algebra/*.cc (variables, printer), the builtin name table
# of query/expr/builtin.cc, and rdf/*.cc.
#
# -runs is sized so that each test takes about a minute on CI's two cores
# (the seed corpus is part of the runs); -max_len keeps single inputs small
# and fast. The RDF reader manages only 50-80 inputs a second: every ReadRdf
# allocates and zero-fills a 1 MiB chunk buffer whatever the input's size,
# and under ASan (which maps each large block afresh) those page faults are
# most of a run; the SPARQL parser does 12,000-25,000. Both corpora are generated
# by w3c_fuzz_seeds (plain C++, no Parley code) from PARLEY_CONFORMANCE_DIR.
function(parley_text_fuzz)
  file(GLOB rdf_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/rdf/*.cc)
  set(reader_dir ${PROJECT_SOURCE_DIR}/formats/rdf)
  parley_fuzz_target(rdf_reader_fuzz ${CMAKE_CURRENT_LIST_DIR}/rdf_reader_fuzz.cc
                     ${reader_dir}/byte_source.cc ${reader_dir}/line_statement.cc
                     ${reader_dir}/rdf_format.cc ${reader_dir}/rdf_reader.cc
                     ${reader_dir}/statement_splitter.cc ${rdf_sources}
                     ${PROJECT_SOURCE_DIR}/engine/term_view.cc)
  target_link_libraries(rdf_reader_fuzz PRIVATE parley_warnings parley_headers PkgConfig::SERD
                        PkgConfig::ZSTD ZLIB::ZLIB absl::status absl::statusor absl::strings
                        absl::str_format)

  file(GLOB parser_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/query/parser/*.cc
       ${PROJECT_SOURCE_DIR}/query/algebra/*.cc)
  parley_fuzz_target(sparql_parser_fuzz ${CMAKE_CURRENT_LIST_DIR}/sparql_parser_fuzz.cc
                     ${parser_sources} ${PROJECT_SOURCE_DIR}/query/expr/builtin.cc
                     ${rdf_sources})
  target_link_libraries(sparql_parser_fuzz PRIVATE parley_warnings parley_headers absl::status
                        absl::statusor absl::strings absl::str_format absl::flat_hash_map
                        absl::flat_hash_set)

  add_executable(w3c_fuzz_seeds ${CMAKE_CURRENT_LIST_DIR}/w3c_fuzz_seeds.cc)
  target_link_libraries(w3c_fuzz_seeds PRIVATE parley_warnings PkgConfig::ZSTD ZLIB::ZLIB)

  set(max_len 4096)
  # kind, fuzzer, most seed files per extension
  foreach(spec "rdf;rdf_reader;200" "sparql;sparql_parser;1000")
    list(GET spec 0 kind)
    list(GET spec 1 name)
    list(GET spec 2 max_files)
    set(corpus ${CMAKE_CURRENT_BINARY_DIR}/fuzz/${name}_corpus)
    add_test(NAME ${name}_fuzz_seeds
             COMMAND w3c_fuzz_seeds ${kind} ${PARLEY_CONFORMANCE_DIR} ${corpus} ${max_files}
                     ${max_len})
    set_tests_properties(${name}_fuzz_seeds PROPERTIES FIXTURES_SETUP ${name}_corpus LABELS fuzz)
  endforeach()
  add_test(NAME rdf_reader_fuzz
           COMMAND rdf_reader_fuzz -runs=15000 -seed=1 -max_len=${max_len}
                   -rss_limit_mb=2048 ${CMAKE_CURRENT_BINARY_DIR}/fuzz/rdf_reader_corpus)
  add_test(NAME sparql_parser_fuzz
           COMMAND sparql_parser_fuzz -runs=800000 -seed=1 -max_len=${max_len}
                   -rss_limit_mb=2048 ${CMAKE_CURRENT_BINARY_DIR}/fuzz/sparql_parser_corpus)
  set_tests_properties(rdf_reader_fuzz PROPERTIES FIXTURES_REQUIRED rdf_reader_corpus
                       LABELS fuzz TIMEOUT 300)
  set_tests_properties(sparql_parser_fuzz PROPERTIES FIXTURES_REQUIRED sparql_parser_corpus
                       LABELS fuzz TIMEOUT 300)
endfunction()
parley_text_fuzz()

# Parse and evaluate: query/{parser,algebra,expr,exec}/*.cc and
# engine/access/*.cc (the read seam, whose MemoryStorageReader holds the
# fixed dataset) compiled in, instrumented. The engine below the seam comes
# from parley_engine, linked uninstrumented with what it links (its RocksDB
# layer is linked but never called; values, layout and rdf/ are reached
# through it, so those stay blind to coverage): compiling those in as well
# would put a second copy of their objects beside the library's. None of
# parley_query_* or parley_engine_access is linked, for the same reason.
#
# Every input is bounded by a 200 ms deadline and a 64 MiB memory budget
# (sparql_eval_fuzz.cc); -timeout is the backstop. Its seeds are the
# parser's (w3c_fuzz_seeds sparql), written to a corpus directory of its own:
# libFuzzer adds the inputs it finds to that directory, and a shared one
# would make each test's run depend on whether the other ran first. It runs
# 8,000-12,000 inputs a second on CI's two cores (most inputs fail to parse or
# match little of the dataset): 600,000 take 50-60 s under a parallel build.
# The deadline makes runs slightly timing-dependent: an input that times out
# on a loaded machine may finish on an idle one and reach other code.
function(parley_sparql_eval_fuzz)
  if(NOT TARGET parley_engine OR NOT TARGET w3c_fuzz_seeds)
    return()
  endif()
  file(GLOB eval_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/query/parser/*.cc
       ${PROJECT_SOURCE_DIR}/query/algebra/*.cc ${PROJECT_SOURCE_DIR}/query/expr/*.cc
       ${PROJECT_SOURCE_DIR}/query/exec/*.cc ${PROJECT_SOURCE_DIR}/engine/access/*.cc)
  parley_fuzz_target(sparql_eval_fuzz ${CMAKE_CURRENT_LIST_DIR}/sparql_eval_fuzz.cc
                     ${eval_sources})
  target_link_libraries(sparql_eval_fuzz PRIVATE parley_warnings parley_headers parley_engine
                        PkgConfig::PCRE2 PkgConfig::ICU PkgConfig::UUID OpenSSL::Crypto
                        absl::status absl::statusor absl::strings absl::str_format
                        absl::flat_hash_map absl::flat_hash_set absl::random_random absl::time)
  set(corpus ${CMAKE_CURRENT_BINARY_DIR}/fuzz/sparql_eval_corpus)
  add_test(NAME sparql_eval_fuzz_seeds
           COMMAND w3c_fuzz_seeds sparql ${PARLEY_CONFORMANCE_DIR} ${corpus} 1000 4096)
  set_tests_properties(sparql_eval_fuzz_seeds PROPERTIES FIXTURES_SETUP sparql_eval_corpus
                       LABELS fuzz)
  add_test(NAME sparql_eval_fuzz
           COMMAND sparql_eval_fuzz -runs=600000 -seed=1 -max_len=4096 -rss_limit_mb=2048
                   -timeout=10 ${corpus})
  set_tests_properties(sparql_eval_fuzz PROPERTIES FIXTURES_REQUIRED sparql_eval_corpus
                       LABELS fuzz TIMEOUT 300)
endfunction()
parley_sparql_eval_fuzz()
