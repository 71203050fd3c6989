package dev.vigil.jobs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.vigil.audit.AuditLog;
import dev.vigil.support.VigilIntegrationTest;

/**
 * The one test server that runs a job server (per test JVM): every class running jobs
 * shares it, so that a job runs where its test looks. {@link AuditLog} is spied on so a
 * test can make the purge-audit task fail or hang (reset after each test); purge-audit
 * times out after 2 s here. Four workers: classes sharing this server leave jobs behind
 * (retries against a hanging webhook receiver, a hanging task), and with the default two
 * one of those could hold up the next test's job for a whole request timeout.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-jobs-${vigil.test.fork:}",
		"jobrunr.background-job-server.enabled=true", "jobrunr.jobs.retry-back-off-time-seed=1",
		"vigil.maintenance.timeouts.purge-audit=2s", "jobrunr.background-job-server.worker-count=4" })
@Import({ AlwaysFailing.Handler.class, Tick.Handler.class })
@MockitoSpyBean(types = AuditLog.class)
@interface JobServerIntegrationTest {

}
