# SPDX-FileCopyrightText: 2026 Interlock developers
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest packaging.Validate (cmake -P): desktop-file-validate and appstreamcli validate --no-net on the
# desktop file and the AppStream metainfo, and one reverse-DNS id across the file names, the metainfo
# <id>, its <launchable> and the desktop file's Icon=.
# In: APP_ID, DESKTOP_FILE, METAINFO_FILE, DESKTOP_FILE_VALIDATE, APPSTREAMCLI.
set(failures "")

foreach(tool DESKTOP_FILE_VALIDATE APPSTREAMCLI)
    if(NOT ${tool} OR NOT EXISTS "${${tool}}")
        list(APPEND failures "${tool} not found (install desktop-file-utils and appstream: bash scripts/setup.sh deps)")
    endif()
endforeach()

function(run_validator name)
    list(JOIN ARGN " " command)
    message(STATUS "packaging.Validate: ${command}")
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    string(STRIP "${out}${err}" text)
    if(text)
        message("${text}")
    endif()
    if(NOT rc EQUAL 0)
        set(failures ${failures} "${name} failed (exit ${rc})" PARENT_SCOPE)
    endif()
endfunction()

if(EXISTS "${DESKTOP_FILE_VALIDATE}")
    run_validator(desktop-file-validate "${DESKTOP_FILE_VALIDATE}" "${DESKTOP_FILE}")
endif()
if(EXISTS "${APPSTREAMCLI}")
    run_validator("appstreamcli validate" "${APPSTREAMCLI}" validate --no-net "${METAINFO_FILE}")
endif()

# One id everywhere (hotspot shipped a .desktop name that its metainfo did not launch).
get_filename_component(desktop_name "${DESKTOP_FILE}" NAME)
if(NOT desktop_name STREQUAL "${APP_ID}.desktop")
    list(APPEND failures "desktop file is named ${desktop_name}, expected ${APP_ID}.desktop")
endif()
file(READ "${METAINFO_FILE}" metainfo)
string(REGEX MATCH "<id>([^<]*)</id>" _ "${metainfo}")
if(NOT CMAKE_MATCH_1 STREQUAL APP_ID)
    list(APPEND failures "metainfo <id> is '${CMAKE_MATCH_1}', expected ${APP_ID}")
endif()
string(REGEX MATCH "<launchable type=\"desktop-id\">([^<]*)</launchable>" _ "${metainfo}")
if(NOT CMAKE_MATCH_1 STREQUAL "${APP_ID}.desktop")
    list(APPEND failures "metainfo <launchable> is '${CMAKE_MATCH_1}', expected ${APP_ID}.desktop")
endif()
file(STRINGS "${DESKTOP_FILE}" icon REGEX "^Icon=")
if(NOT icon STREQUAL "Icon=${APP_ID}")
    list(APPEND failures "desktop file has '${icon}', expected Icon=${APP_ID}")
endif()

if(failures)
    list(JOIN failures "\n  " text)
    message(FATAL_ERROR "packaging.Validate FAILED:\n  ${text}")
endif()
message(STATUS "packaging.Validate: ${desktop_name} and ${APP_ID}.metainfo.xml are valid and share the id ${APP_ID}")
