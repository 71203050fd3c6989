/**
 * The audit log: who did what, written by every module and read (and searched) by admins
 * with the audit scope.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "cluster" })
package dev.vigil.audit;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
