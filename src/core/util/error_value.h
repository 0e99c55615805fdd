/* error_value.h - filling an error record, the one way every module does.
 *
 * Errors are values (design rule 2): a core call returns a status and
 * fills the caller's record, a struct with a `status` member and a
 * `char message[N]` array (QuizError, ClassError, ...), which the caller
 * may pass as NULL. A module's fail function is then:
 *
 *   static QuizStatus quiz_fail(QuizError *err, QuizStatus status, const char *fmt, ...)
 *   {
 *       ERROR_VALUE_SET(err, status, fmt);
 *       return status;
 *   }
 *
 * A macro, not a function, because each record is its own type; it must
 * be used inside a variadic function whose last named parameter is `fmt`.
 * The message is cut to the record's array, always terminated.
 */
#ifndef QUIZDECK_ERROR_VALUE_H
#define QUIZDECK_ERROR_VALUE_H

#include <stdarg.h>
#include <stdio.h>

#define ERROR_VALUE_SET(err, status_value, fmt)                                                    \
    do {                                                                                           \
        if ((err) != NULL) {                                                                       \
            (err)->status = (status_value);                                                        \
            va_list error_value_ap_;                                                               \
            va_start(error_value_ap_, fmt);                                                        \
            vsnprintf((err)->message, sizeof(err)->message, fmt, error_value_ap_);                 \
            va_end(error_value_ap_);                                                               \
        }                                                                                          \
    } while (0)

#endif
