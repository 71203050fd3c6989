package dev.vigil.admins;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.vigil.auth.Roles;

/**
 * First run: with no admin at all, create a superadmin from {@code VIGIL_ADMIN_EMAIL} /
 * {@code VIGIL_ADMIN_PASSWORD}, or {@code admin@localhost} with a random password. A
 * generated password is printed once to standard output and never logged: the log file is
 * streamed to browsers.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	static final String DEFAULT_EMAIL = "admin@localhost";

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AdminRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final AdminsProperties properties;

	private final Environment environment;

	AdminBootstrap(AdminRepository repository, PasswordEncoder passwordEncoder, AdminsProperties properties,
			Environment environment) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.repository.countLive() > 0) {
			return;
		}
		boolean configured = hasText(this.properties.bootstrapEmail()) && hasText(this.properties.bootstrapPassword());
		if (configured) {
			checkPassword(this.properties.bootstrapPassword());
		}
		String email = configured ? this.properties.bootstrapEmail().trim() : DEFAULT_EMAIL;
		String password = configured ? this.properties.bootstrapPassword() : randomPassword();
		try {
			this.repository.insert(email, this.passwordEncoder.encode(password), "Administrator", Roles.SUPERADMIN);
		}
		catch (DuplicateKeyException ex) {
			// Another instance of a cluster, starting at the same time on the new
			// database,
			// created it first.
			log.info("first admin {} already created by another instance", email);
			return;
		}
		log.atInfo().setMessage("created first admin").addKeyValue("email", email).log();
		String url = "http://localhost:" + this.environment.getProperty("local.server.port", "8080") + "/admin/";
		if (configured) {
			System.out.printf("%nVigil: first admin %s created from VIGIL_ADMIN_EMAIL. Log in at %s%n%n", email, url);
		}
		else {
			System.out.printf(
					"%n================================================================%n"
							+ "  Vigil first run: log in at %s%n" + "    email:    %s%n" + "    password: %s%n"
							+ "  This password is shown only once. Change it under Profile.%n"
							+ "================================================================%n%n",
					url, email, password);
		}
		System.out.flush();
	}

	/**
	 * The same rules as for any new password; the message names the setting, never its
	 * value.
	 */
	private static void checkPassword(String password) {
		String problem = NewPassword.Validator.problem(password);
		if (NewPassword.TOO_LONG.equals(problem)) {
			throw new UnusableBootstrapAdminException("VIGIL_ADMIN_PASSWORD " + problem + " (bcrypt's limit), it is "
					+ password.getBytes(StandardCharsets.UTF_8).length + " bytes");
		}
		if (problem != null) {
			throw new UnusableBootstrapAdminException("VIGIL_ADMIN_PASSWORD " + problem);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean hasText(@Nullable String s) {
		return s != null && !s.isBlank();
	}

}
