package dev.vigil.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * With {@code -Dvigil.test.database=postgresql} and no PostgreSQL reachable, skips each
 * test class with one line naming what to start. Registered by the {@code postgresql}
 * surefire run (JUnit's extension auto-detection).
 */
public class PostgresReachable implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!TestPostgres.selected() || context.getTestMethod().isPresent() || Services.postgresReachable()) {
			return ConditionEvaluationResult.enabled("");
		}
		return ConditionEvaluationResult.disabled("PostgreSQL is not reachable on " + Services.POSTGRES_HOST + ":"
				+ Services.POSTGRES_PORT + ": start it to run the tests on PostgreSQL");
	}

}
