# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language level, the warnings and the Qt strictness defines.
add_library(interlock_options INTERFACE)
target_compile_features(interlock_options INTERFACE cxx_std_20)
target_compile_options(interlock_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor -Wcast-qual)
target_compile_definitions(interlock_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER QT_NO_FOREACH QT_DISABLE_DEPRECATED_BEFORE=0x060400)
target_include_directories(interlock_options INTERFACE ${PROJECT_SOURCE_DIR})

option(INTERLOCK_SANITIZE "Build with ASan and UBSan" OFF)
if(INTERLOCK_SANITIZE)
    target_compile_options(interlock_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(interlock_options INTERFACE -fsanitize=address,undefined)
endif()

# The fuzz preset (clang only): coverage for libFuzzer plus ASan/UBSan on every library; the fuzz
# executables add -fsanitize=fuzzer themselves (tests/fuzz/CMakeLists.txt).
option(INTERLOCK_FUZZ "Build only the libFuzzer targets and the libraries they need (clang)" OFF)
if(INTERLOCK_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "INTERLOCK_FUZZ needs clang (libFuzzer): configure with the fuzz preset")
    endif()
    target_compile_options(interlock_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(interlock_options INTERFACE -fsanitize=address,undefined)
endif()

# interlock_add_test(NAME layer.Class SOURCES ... LIBS ... LABELS ...)
function(interlock_add_test)
    cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
    string(REPLACE "." "_" exe "tst_${T_NAME}")
    add_executable(${exe} ${T_SOURCES})
    target_link_libraries(${exe} PRIVATE interlock_options interlock_test_support ${T_LIBS} Qt6::Test)
    add_test(NAME ${T_NAME} COMMAND ${exe})
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
