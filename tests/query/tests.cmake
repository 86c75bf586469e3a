# SPARQL result comparison shared by the W3C query-evaluation runner
# (tests/w3c/sparql_eval.cmake) and the file-driven query cases below:
# readers of every result format, the bag / order / blank node comparison,
# and a scan of query text for ORDER BY, REDUCED and FROM.
file(GLOB PARLEY_SPARQL_TEST_SUPPORT_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/support/sparql/*.cc)
parley_library(parley_sparql_test_support SOURCES ${PARLEY_SPARQL_TEST_SUPPORT_SOURCES}
  LIBS parley_test_support parley_formats_rdf nlohmann_json::nlohmann_json absl::strings
       absl::status absl::statusor)

# File-driven query tests: tests/query/cases/<topic>/<name>.rq with its data
# (<name>.trig) and its expected answer (<name>.srj, .tsv, .srx, .ttl) or
# error (<name>.error). Adding a case is adding files.
add_executable(parley_query_cases ${CMAKE_CURRENT_SOURCE_DIR}/query/cases_runner.cc)
target_link_libraries(parley_query_cases PRIVATE parley_api parley_sparql_test_support
                      parley_warnings)
add_test(NAME query.cases
         COMMAND parley_query_cases ${CMAKE_CURRENT_SOURCE_DIR}/query/cases)
set_tests_properties(query.cases PROPERTIES LABELS query TIMEOUT 300)
