# The W3C RDF 1.1 suites (N-Triples, N-Quads, Turtle, TriG), one CTest test
# per suite. The manifests are Turtle, read with Parley's own reader.
add_executable(parley_w3c_rdf ${CMAKE_CURRENT_SOURCE_DIR}/w3c/w3c_rdf_runner.cc)
target_link_libraries(parley_w3c_rdf PRIVATE parley_formats_rdf parley_test_support parley_warnings)
foreach(suite rdf-n-triples rdf-n-quads rdf-turtle rdf-trig)
  add_test(NAME w3c.${suite}
           COMMAND parley_w3c_rdf ${PARLEY_CONFORMANCE_DIR}/rdf/rdf11/${suite}/manifest.ttl
                   ${CMAKE_CURRENT_SOURCE_DIR}/w3c/known_failures.txt)
  set_tests_properties(w3c.${suite} PROPERTIES LABELS w3c TIMEOUT 120)
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/sparql_syntax.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sparql_eval.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sparql_update.cmake)
