# The negotiation vocabulary and shapes against their users
# (tests/schema/schema_test.py says what is checked):
#   schema.vocabulary  every term of schema/vocabulary/negotiation.ttl is
#                      described, and every ex: name the sample, the
#                      generator's data, its peer queries, the example
#                      queries and the shapes use is declared;
#   schema.shapes      the sample and generated data pass
#                      schema/shapes/negotiation.ttl (`parley validate`), and
#                      a violation of each kind of constraint is caught;
#   schema.cli         parley validate's and parley load --strict's exit
#                      codes and bad-input paths.
# The data generator lives beside the repository, like the W3C suites.
set(PARLEY_PEERS_DIR "${PROJECT_SOURCE_DIR}/../shared/peers" CACHE PATH
    "Peer comparison kit (gen_negotiations.py, queries/)")
foreach(check vocabulary shapes cli)
  add_test(NAME schema.${check}
           COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/schema_test.py ${check}
                   $<TARGET_FILE:parley_shell> ${PROJECT_SOURCE_DIR}
                   ${PARLEY_PEERS_DIR}/gen_negotiations.py)
  set_tests_properties(schema.${check} PROPERTIES LABELS schema TIMEOUT 300 SKIP_RETURN_CODE 77)
endforeach()
