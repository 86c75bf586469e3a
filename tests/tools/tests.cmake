# Whole-program tests of the tools and the installed package.
add_test(NAME Install.FindPackageAndPkgConfig
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/install_test.sh ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
set_tests_properties(Install.FindPackageAndPkgConfig PROPERTIES LABELS slow)

# libparley.so exports every public function and nothing internal.
add_executable(parley_public_api_link ${PROJECT_SOURCE_DIR}/tests/api_link/public_api_link.cc)
target_link_libraries(parley_public_api_link PRIVATE parley parley_warnings)
add_test(NAME Library.PublicApiLinks COMMAND parley_public_api_link)
add_test(NAME Library.ExportsOnlyThePublicApi
         COMMAND bash -c "! nm -DC --defined-only $<TARGET_FILE:parley> | sed 's/^[0-9a-f]* [A-Za-z] //' | grep -vE '^(parley::([A-Z]|operator)|(typeinfo|typeinfo name|vtable) for parley::[A-Z])' | grep -E 'parley|absl|std::'")

add_test(NAME Example.Embed
         COMMAND bash -c "rm -rf embed_db && $<TARGET_FILE:parley_embed_example> embed_db")
set_tests_properties(Example.Embed PROPERTIES
  PASS_REGULAR_EXPRESSION "quads reported by <http://example.org/data/news/wsj>: 2")

foreach(case sample_roundtrip load_twice_and_union syntax_error_leaves_db_unchanged usage_errors
             killed_load_leaves_db_unchanged
             dump_roundtrip dump_mixed_and_errors
             query_inline_file_stdin query_formats query_errors query_explain query_missing_db update
             closed_and_full_standard_streams failed_loads_create_nothing full_and_read_only_file_systems
             export_is_atomic_and_outside_the_db
             help_and_version shell_command_line stats locked_database unreadable_database
             integrity_check)
  add_test(NAME Cli.${case}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_test.sh $<TARGET_FILE:parley_shell>
                   ${PROJECT_SOURCE_DIR} ${case})
  set_tests_properties(Cli.${case} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
# A million quads inserted and deleted; measures memory, so Release only.
add_test(NAME Cli.large_change_bounded_memory
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_test.sh $<TARGET_FILE:parley_shell>
                 ${PROJECT_SOURCE_DIR} large_change_bounded_memory)
set_tests_properties(Cli.large_change_bounded_memory PROPERTIES LABELS slow TIMEOUT 600)
# It waits on background shells: a hang should fail it soon, not at ctest's default.
set_tests_properties(Cli.locked_database PROPERTIES TIMEOUT 300)

# The shell: batch-mode cases (tests/shell/cases/NAME.script -> NAME.expected)
# and the interactive shell driven through a pseudo-terminal, both on
# tests/shell/trade-talks.trig (a frozen copy of the sample, so that their
# expectations do not move with it).
file(GLOB PARLEY_SHELL_CASES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/shell/cases/*.script)
foreach(script ${PARLEY_SHELL_CASES})
  get_filename_component(case ${script} NAME_WE)
  add_test(NAME Shell.batch.${case}
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/shell/batch_test.sh $<TARGET_FILE:parley_shell>
                   ${PROJECT_SOURCE_DIR} ${case})
endforeach()
add_test(NAME Shell.interactive
         COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/shell/interactive_test.py
                 $<TARGET_FILE:parley_shell> ${PROJECT_SOURCE_DIR}/tests/shell/trade-talks.trig)
set_tests_properties(Shell.interactive PROPERTIES TIMEOUT 300)
