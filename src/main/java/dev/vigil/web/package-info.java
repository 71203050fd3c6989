/**
 * The shared web kernel every module may use: the error shape (ProblemDetail) and its
 * exception handling, request filters, list paging, CSV export, health and the admin SPA.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.vigil.web;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
