package dev.vigil.web.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilIntegrationTest;

/**
 * The server the fuzz tests share: its own data directory, as the fuzzing root deletes
 * and changes things; no per-admin stream cap in the way of the many streams fuzzed
 * requests open and drop, and a short heartbeat so that the server finds the dropped ones
 * soon.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-fuzz-${vigil.test.fork:}",
		"vigil.stream.max-per-admin=100000", "vigil.stream.heartbeat=1s" })
@interface FuzzIntegrationTest {

}
