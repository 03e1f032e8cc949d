# Writes one program's man page, OUTPUT and OUTPUT.gz: help2man over its
# --help and --version, with the sections --help does not hold from
# INCLUDE (when it exists). --help's "Exit status:" block, which help2man
# makes a subsection of OPTIONS, becomes the EXIT STATUS section.
#
#   cmake -DHELP2MAN=... -DPROGRAM=... -DINCLUDE=x.h2m -DOUTPUT=x.1 -P help2man.cmake
set(include_args "")
if(EXISTS "${INCLUDE}")
  set(include_args "--include=${INCLUDE}")
endif()
execute_process(
  COMMAND "${HELP2MAN}" --no-info --section=1 --manual=ns ${include_args}
          "--output=${OUTPUT}.tmp" "${PROGRAM}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "help2man: ${PROGRAM}: failed (${status})")
endif()
file(READ "${OUTPUT}.tmp" page)
file(REMOVE "${OUTPUT}.tmp")
string(FIND "${page}" ".SS \"Exit status:\"" at)
if(at EQUAL -1)
  message(WARNING "help2man: ${PROGRAM}: --help has no \"Exit status:\" block (a line of its "
                  "own, then the statuses indented): the page has no EXIT STATUS section")
endif()
string(REPLACE ".SS \"Exit status:\"" ".SH \"EXIT STATUS\"" page "${page}")
file(WRITE "${OUTPUT}" "${page}")
execute_process(COMMAND gzip -9nc "${OUTPUT}" OUTPUT_FILE "${OUTPUT}.gz" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip: ${OUTPUT}: failed (${status})")
endif()
