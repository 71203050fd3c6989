package dev.vigil.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code vigil.cluster.redis-url} is set and not blank (Boot's property
 * condition counts an empty value as set).
 */
final class Clustered implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return !context.getEnvironment().getProperty("vigil.cluster.redis-url", "").isBlank();
	}

}
