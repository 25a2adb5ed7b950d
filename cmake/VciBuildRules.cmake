# vci_cc_library / vci_cc_test / vci_cc_binary: every target gets the same warnings, hardening and
# include root, so each directory's CMakeLists.txt is a short list of sources and dependencies.

set(VCI_WARNINGS
    -Wall -Wextra -Wformat=2 -Wshadow -Wvla -Wimplicit-fallthrough
    -Wmissing-field-initializers -Wsign-compare -Wtype-limits -Wconversion -Wno-sign-conversion)
if(VCI_WERROR)
  list(APPEND VCI_WARNINGS -Werror)
endif()

set(VCI_HARDENING -fstack-protector-strong -fstack-clash-protection)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  list(APPEND VCI_HARDENING -fcf-protection)
endif()
if(NOT VCI_SANITIZE)
  list(APPEND VCI_HARDENING $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
endif()
set(VCI_LINK_HARDENING -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)

set(VCI_SANITIZE_FLAGS "")
if(VCI_SANITIZE)
  set(VCI_SANITIZE_FLAGS -fsanitize=${VCI_SANITIZE} -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
endif()

function(_vci_apply_rules target)
  target_compile_options(${target} PRIVATE ${VCI_WARNINGS} ${VCI_HARDENING} ${VCI_SANITIZE_FLAGS})
  target_link_options(${target} PRIVATE ${VCI_LINK_HARDENING} ${VCI_SANITIZE_FLAGS})
endfunction()

# vci_cc_library(NAME name SRCS a.cc b.cc DEPS dep1 dep2)
# A static library whose headers are included by their path from the source root.
function(vci_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS})
  target_compile_options(${ARG_NAME} PUBLIC ${VCI_SANITIZE_FLAGS})
  target_link_options(${ARG_NAME} PUBLIC ${VCI_SANITIZE_FLAGS})
  _vci_apply_rules(${ARG_NAME})
endfunction()

# vci_cc_binary(NAME name SRCS main.cc DEPS lib1)
function(vci_cc_binary)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS})
  set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
  _vci_apply_rules(${ARG_NAME})
  target_link_options(${ARG_NAME} PRIVATE -pie)
endfunction()

# vci_cc_test(NAME name SRCS a_test.cc DEPS lib1 [LABELS softhsm])
# A GoogleTest binary registered test by test with CTest.
function(vci_cc_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest GTest::gtest_main)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  _vci_apply_rules(${ARG_NAME})
  target_compile_definitions(${ARG_NAME} PRIVATE
      VCI_SOURCE_DIR="${PROJECT_SOURCE_DIR}" VCI_BINARY_DIR="${PROJECT_BINARY_DIR}")
  # gtest_discover_tests writes PROPERTIES unquoted into a generated file, where a list would
  # split into several arguments: so each test gets one label, "unit" unless LABELS names one.
  set(label unit)
  if(ARG_LABELS)
    list(GET ARG_LABELS 0 label)
  endif()
  gtest_discover_tests(${ARG_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${label})
endfunction()
