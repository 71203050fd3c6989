package dev.vigil.audit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the audit log goes besides its table: RFC 5424 syslog over TCP and/or JSON lines
 * to a file. Both are off until configured.
 *
 * @param syslog the syslog sink (on when it has a host)
 * @param file the JSON lines sink (on when it has a path)
 * @param batchSize rows read and written per batch
 * @param poll how often a sink looks for rows when nothing woke it (a fallback: writes
 * wake it at once)
 * @param retryMin the first wait before reconnecting after a failure, doubled up to
 * {@code retryMax}
 * @param retryMax the longest wait between reconnection attempts
 */
@ConfigurationProperties("vigil.audit")
record AuditProperties(@DefaultValue Syslog syslog, @DefaultValue JsonFile file, @DefaultValue("200") int batchSize,
		@DefaultValue("30s") Duration poll, @DefaultValue("1s") Duration retryMin,
		@DefaultValue("60s") Duration retryMax) {

	/**
	 * @param host the receiver; blank turns the sink off
	 * @param port the receiver's TCP port (514 is customary for plain TCP, 6514 for TLS)
	 * @param tls whether to speak TLS (RFC 5425)
	 * @param sslBundle the Spring Boot SSL bundle whose trust material checks the
	 * receiver's certificate ({@code spring.ssl.bundle.*}); blank: the JVM's default CAs
	 * @param appName the APP-NAME field
	 * @param facility a facility name ({@code authpriv}, {@code local0} …) or number 0–23
	 * @param hostname the HOSTNAME field; blank: this machine's name
	 * @param connectTimeout how long a connection attempt may take
	 */
	record Syslog(@Nullable String host, @DefaultValue("514") int port, @DefaultValue("false") boolean tls,
			@Nullable String sslBundle, @DefaultValue("vigil") String appName,
			@DefaultValue("authpriv") String facility, @Nullable String hostname,
			@DefaultValue("5s") Duration connectTimeout) {

		boolean enabled() {
			return this.host != null && !this.host.isBlank();
		}

	}

	/**
	 * @param path the file the rows are appended to; blank turns the sink off
	 */
	record JsonFile(@Nullable String path) {

		boolean enabled() {
			return this.path != null && !this.path.isBlank();
		}

	}

}
