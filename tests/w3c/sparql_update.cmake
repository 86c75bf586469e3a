# The W3C SPARQL 1.1 Update evaluation suites (mf:UpdateEvaluationTest), one
# CTest test per directory (w3c.sparql11.basic-update, ...). Each test loads
# its dataset into a fresh database, runs the request through
# Database::Update and compares the whole dataset with the expected one.
# The update syntax tests beside them are another runner's business.
add_executable(parley_w3c_sparql_update ${CMAKE_CURRENT_LIST_DIR}/w3c_sparql_update_runner.cc
                                        ${CMAKE_CURRENT_LIST_DIR}/sparql/manifest.cc)
target_link_libraries(parley_w3c_sparql_update PRIVATE parley_api parley_formats_rdf
                      parley_sparql_test_support parley_test_support parley_warnings)

set(PARLEY_W3C_SPARQL11_UPDATE_DIRS basic-update delete delete-data delete-insert delete-where)
foreach(dir ${PARLEY_W3C_SPARQL11_UPDATE_DIRS})
  add_test(NAME w3c.sparql11.${dir}
           COMMAND parley_w3c_sparql_update ${CMAKE_CURRENT_LIST_DIR}/known_failures_sparql_update.txt
                   ${PARLEY_CONFORMANCE_DIR}/sparql/sparql11/${dir}/manifest.ttl)
  set_tests_properties(w3c.sparql11.${dir} PROPERTIES LABELS w3c TIMEOUT 300)
endforeach()
