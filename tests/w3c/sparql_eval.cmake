# The W3C SPARQL 1.0 and 1.1 query-evaluation suites, one CTest test per
# directory (w3c.sparql10.basic, w3c.sparql11.aggregates, ...). Syntax and
# update tests are other runners' business. The comparison code is the
# library parley_sparql_test_support (tests/query/tests.cmake). RDF/XML
# inputs and results are read through `rapper` (raptor2-utils).
add_executable(parley_w3c_sparql_eval ${CMAKE_CURRENT_SOURCE_DIR}/w3c/w3c_sparql_eval_runner.cc
                                      ${CMAKE_CURRENT_SOURCE_DIR}/w3c/sparql/manifest.cc)
target_link_libraries(parley_w3c_sparql_eval PRIVATE parley_api parley_formats_rdf
                      parley_sparql_test_support parley_warnings)

set(PARLEY_W3C_SPARQL10_EVAL_DIRS
    algebra ask basic bnode-coreference boolean-effective-value bound cast construct dataset
    distinct expr-builtin expr-equals expr-ops graph i18n open-world optional optional-filter
    reduced regex solution-seq sort triple-match type-promotion)
set(PARLEY_W3C_SPARQL11_EVAL_DIRS
    aggregates bind bindings construct csv-tsv-res exists functions grouping json-res negation
    project-expression property-path subquery)
foreach(version sparql10 sparql11)
  string(TOUPPER ${version} upper)
  foreach(dir ${PARLEY_W3C_${upper}_EVAL_DIRS})
    add_test(NAME w3c.${version}.${dir}
             COMMAND parley_w3c_sparql_eval
                     ${PARLEY_CONFORMANCE_DIR}/sparql/${version}/${dir}/manifest.ttl
                     ${CMAKE_CURRENT_SOURCE_DIR}/w3c/known_failures_sparql.txt)
    set_tests_properties(w3c.${version}.${dir} PROPERTIES LABELS w3c TIMEOUT 300)
  endforeach()
endforeach()
