package dev.vigil.logs;

import org.jspecify.annotations.Nullable;

/**
 * One log the viewer serves: Vigil's own or an application's, as configured.
 *
 * @param name the name clients pass as {@code source}
 * @param files its live file and rotated siblings
 * @param format how its lines are read
 * @param scope a scope needed on top of {@code admin:logs} to read it, or {@code null}
 */
record LogSource(String name, LogFiles files, LogFormat format, @Nullable String scope) {

}
