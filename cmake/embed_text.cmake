# Writes OUTPUT, a C++ source defining `std::string_view NAME()` in
# namespace parley::embedded that returns the text of INPUT. Run as
#   cmake -DINPUT=... -DOUTPUT=... -DNAME=... -P embed_text.cmake
# so a build step re-embeds the file whenever it changes.
file(READ "${INPUT}" text)
string(FIND "${text}" ")parley_embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )parley_embedded\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace parley::embedded {\n\n"
  "std::string_view ${NAME}() {\n"
  "  return R\"parley_embedded(${text})parley_embedded\";\n"
  "}\n\n"
  "}  // namespace parley::embedded\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
