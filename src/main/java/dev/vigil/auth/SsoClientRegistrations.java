package dev.vigil.auth;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The one client registration, built from the provider's discovery document at the first
 * sign-in rather than at start, so a provider that is down while Vigil starts does not
 * keep Vigil (and password sign-in) from starting. A failed discovery is tried again at
 * the next sign-in.
 */
class SsoClientRegistrations implements ClientRegistrationRepository {

	static final String ID = "sso";

	private static final Logger log = LoggerFactory.getLogger(SsoClientRegistrations.class);

	private final SsoProperties properties;

	private final String redirectUri;

	private volatile @Nullable ClientRegistration registration;

	/**
	 * @param publicUrl the panel's address as browsers reach it, or empty to take it from
	 * each request
	 */
	SsoClientRegistrations(SsoProperties properties, String publicUrl) {
		this.properties = properties;
		this.redirectUri = (publicUrl.isBlank() ? "{baseUrl}" : PublicUrlRequest.origin(publicUrl))
				+ SsoConfiguration.CALLBACK;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		return ID.equals(registrationId) ? get() : null;
	}

	/** The registration; throws when the provider's discovery cannot be read. */
	ClientRegistration get() {
		ClientRegistration loaded = this.registration;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.registration;
				if (loaded == null) {
					loaded = discover();
					this.registration = loaded;
				}
			}
		}
		return loaded;
	}

	private ClientRegistration discover() {
		String issuer = this.properties.issuer();
		try {
			Set<String> scopes = new LinkedHashSet<>();
			scopes.add(OidcScopes.OPENID);
			scopes.addAll(this.properties.scopes());
			String secret = this.properties.clientSecret();
			ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(issuer)
				.registrationId(ID)
				.clientName(this.properties.name())
				.clientId(this.properties.clientId())
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(this.redirectUri)
				.scope(scopes);
			if (secret == null || secret.isBlank()) {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
			}
			else {
				builder.clientSecret(secret);
			}
			ClientRegistration registration = builder.build();
			log.atInfo().setMessage("single sign-on provider discovered").addKeyValue("issuer", issuer).log();
			return registration;
		}
		catch (RuntimeException ex) {
			log.atWarn()
				.setMessage("single sign-on provider unavailable")
				.addKeyValue("issuer", issuer)
				.addKeyValue("error", ex.getMessage())
				.log();
			throw ex;
		}
	}

}
