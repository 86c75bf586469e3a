# The W3C SPARQL syntax tests, one CTest test printing one line per suite:
# SPARQL 1.0 syntax-sparql1..5 (through manifest-syntax.ttl's mf:include),
# SPARQL 1.1 syntax-query, and the negative syntax tests that SPARQL 1.1's
# aggregates, grouping and construct manifests hold beside their evaluation
# tests (which this runner skips); and the update manifests (basic-update,
# delete, delete-data, delete-insert, delete-where): their negative syntax
# tests, and every update evaluation test's request, which must parse.
add_executable(parley_w3c_sparql_syntax ${CMAKE_CURRENT_LIST_DIR}/w3c_sparql_syntax_runner.cc)
target_link_libraries(parley_w3c_sparql_syntax PRIVATE parley_query_parser parley_formats_rdf
                      parley_warnings)
set(PARLEY_SPARQL_TESTS ${PARLEY_CONFORMANCE_DIR}/sparql)
add_test(NAME w3c.sparql-syntax
         COMMAND parley_w3c_sparql_syntax
                 ${CMAKE_CURRENT_LIST_DIR}/known_failures_sparql_syntax.txt
                 ${PARLEY_SPARQL_TESTS}/sparql10/manifest-syntax.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/syntax-query/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/aggregates/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/grouping/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/construct/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/basic-update/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/delete/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/delete-data/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/delete-insert/manifest.ttl
                 ${PARLEY_SPARQL_TESTS}/sparql11/delete-where/manifest.ttl)
set_tests_properties(w3c.sparql-syntax PROPERTIES LABELS w3c TIMEOUT 120)
