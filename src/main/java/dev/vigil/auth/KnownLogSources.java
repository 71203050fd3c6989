package dev.vigil.auth;

import java.util.Set;

/**
 * The names of the configured log sources, which a role may be limited to; implemented by
 * the logs module so that auth does not depend on it.
 */
public interface KnownLogSources {

	Set<String> names();

}
