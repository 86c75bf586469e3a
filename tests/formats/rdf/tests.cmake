# The differential check of the RDF readers against serd's serdi (strict),
# over every document of the W3C RDF suites and tests/formats/rdf/differential/.
find_program(PARLEY_SERDI serdi REQUIRED)
add_executable(parley_rdf_differential ${CMAKE_CURRENT_SOURCE_DIR}/formats/rdf/rdf_differential.cc)
target_link_libraries(parley_rdf_differential PRIVATE parley_formats_rdf parley_test_support
                      parley_warnings)
add_test(NAME differential.rdf_readers_vs_serdi
         COMMAND parley_rdf_differential ${PARLEY_SERDI}
                 ${CMAKE_CURRENT_SOURCE_DIR}/formats/rdf/differential/known_differences.txt
                 ${PARLEY_CONFORMANCE_DIR}/rdf/rdf11
                 ${CMAKE_CURRENT_SOURCE_DIR}/formats/rdf/differential)
set_tests_properties(differential.rdf_readers_vs_serdi PROPERTIES LABELS formats/rdf TIMEOUT 300)
