package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.vigil.auth.AdminAccounts.Account;

/**
 * Asks the provider again at every refresh of a single sign-on session: a refresh-token
 * grant, then the groups of the new id_token (or of userinfo when the answer has none). A
 * user no longer in a mapped group, or a provider that refuses or cannot be reached, ends
 * the session (fail closed: group removal must take effect). A changed mapping changes
 * the admin's role. Without a refresh token from the provider, its access token is used
 * at userinfo while it lasts; then the admin signs in again.
 */
class SsoRefreshCheck implements RefreshCheck {

	private static final Logger log = LoggerFactory.getLogger(SsoRefreshCheck.class);

	private final SsoClientRegistrations registrations;

	private final SsoRepository repository;

	private final SsoTokenCipher cipher;

	private final ExternalSignIn signIn;

	private final String groupsClaim;

	private final RestClientRefreshTokenTokenResponseClient tokenClient = new RestClientRefreshTokenTokenResponseClient();

	private final OidcIdTokenDecoderFactory idTokenDecoders = new OidcIdTokenDecoderFactory();

	private final DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();

	SsoRefreshCheck(SsoClientRegistrations registrations, SsoRepository repository, SsoTokenCipher cipher,
			ExternalSignIn signIn, SsoProperties properties) {
		this.registrations = registrations;
		this.repository = repository;
		this.cipher = cipher;
		this.signIn = signIn;
		this.groupsClaim = properties.groupsClaim();
	}

	@Override
	public Optional<String> refuse(SessionRepository.Session session, Account account) {
		if (!"sso".equals(session.method())) {
			return Optional.empty();
		}
		Optional<SsoRepository.Tokens> stored = this.repository.tokensOf(session.id());
		if (stored.isEmpty()) {
			return refused(session, "single sign-on session unknown");
		}
		SsoRepository.Tokens tokens = stored.get();
		Map<String, Object> claims;
		try {
			claims = currentClaims(tokens);
		}
		catch (RuntimeException ex) {
			// The exception's type only: messages may quote the provider's answer.
			log.atWarn()
				.setMessage("identity provider refused the session's refresh")
				.addKeyValue("session_id", session.id())
				.addKeyValue("admin_id", session.adminId())
				.addKeyValue("error", ex.getClass().getSimpleName())
				.log();
			return Optional.of("the identity provider ended this sign-in");
		}
		if (claims == null) {
			return refused(session, "the identity provider ended this sign-in");
		}
		if (!tokens.subject().equals(String.valueOf(claims.get("sub")))) {
			return refused(session, "the identity provider answered for another user");
		}
		Object email = claims.get("email");
		List<String> groups = GroupRoles.groups(claims.get(this.groupsClaim));
		Optional<String> role = this.signIn.currentRole((email != null) ? email.toString() : null, groups);
		if (role.isEmpty()) {
			return refused(session, "no longer in a group that may sign in");
		}
		this.signIn.applyRole(account, role.get(), "sso");
		return Optional.empty();
	}

	/**
	 * The user's claims as the provider sees them now; null when there is no token left
	 * to ask with.
	 */
	private @Nullable Map<String, Object> currentClaims(SsoRepository.Tokens tokens) {
		ClientRegistration registration = this.registrations.get();
		String refreshToken = this.cipher.decrypt(tokens.refreshToken());
		String accessToken = this.cipher.decrypt(tokens.accessToken());
		if (refreshToken == null) {
			if (accessToken == null) {
				return null;
			}
			return this.userInfo
				.loadUser(new OAuth2UserRequest(registration,
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, null, null)))
				.getAttributes();
		}
		// The grant needs an access token only for its scopes; none are sent, so the
		// provider keeps those it granted.
		OAuth2AccessToken previous = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				Objects.requireNonNullElse(accessToken, "none"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
		OAuth2AccessTokenResponse answer = this.tokenClient.getTokenResponse(
				new OAuth2RefreshTokenGrantRequest(registration, previous, new OAuth2RefreshToken(refreshToken, null)));
		OAuth2RefreshToken rotated = answer.getRefreshToken();
		this.repository.saveTokens(new SsoRepository.Tokens(tokens.sessionId(), tokens.issuer(), tokens.subject(),
				this.cipher.encrypt((rotated != null) ? rotated.getTokenValue() : refreshToken),
				this.cipher.encrypt(answer.getAccessToken().getTokenValue())));
		Object idToken = answer.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
		if (idToken instanceof String value) {
			Jwt jwt = this.idTokenDecoders.createDecoder(registration).decode(value);
			return jwt.getClaims();
		}
		return this.userInfo.loadUser(new OAuth2UserRequest(registration, answer.getAccessToken())).getAttributes();
	}

	private Optional<String> refused(SessionRepository.Session session, String reason) {
		log.atWarn()
			.setMessage("single sign-on session ended at refresh")
			.addKeyValue("session_id", session.id())
			.addKeyValue("admin_id", session.adminId())
			.addKeyValue("reason", reason)
			.log();
		return Optional.of(reason);
	}

}
