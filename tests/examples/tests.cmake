# The example questions of examples/queries/ (<name>.rq, each with its
# expected answer <name>.tsv or .srj beside it) asked of the bundled sample
# database, schema/sample/trade-talks-2019-02-15.trig, by the file-driven
# query runner of tests/query/. Adding a question is adding two files.
add_test(NAME examples.queries
         COMMAND parley_query_cases ${PROJECT_SOURCE_DIR}/examples/queries
                 --data ${PROJECT_SOURCE_DIR}/schema/sample/trade-talks-2019-02-15.trig)
set_tests_properties(examples.queries PROPERTIES LABELS examples TIMEOUT 300)
