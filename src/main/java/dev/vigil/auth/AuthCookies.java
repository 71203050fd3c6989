package dev.vigil.auth;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The two auth cookies. The access cookie goes to all of {@code /api} (streams included);
 * the refresh cookie only to {@code /api/admin/auth}, so it is exposed to as few requests
 * as possible.
 */
@Component
class AuthCookies {

	static final String ACCESS = "access_token";

	static final String REFRESH = "refresh_token";

	static final String ACCESS_PATH = "/api";

	static final String REFRESH_PATH = "/api/admin/auth";

	private final boolean secure;

	private final Duration accessTtl;

	private final Duration refreshTtl;

	AuthCookies(AuthProperties properties) {
		this.secure = properties.secureCookies();
		this.accessTtl = properties.accessTokenTtl();
		this.refreshTtl = properties.refreshTokenTtl();
	}

	void set(HttpServletResponse response, SessionService.Issued issued) {
		add(response, ACCESS, issued.accessToken(), ACCESS_PATH, this.accessTtl);
		add(response, REFRESH, issued.refreshToken(), REFRESH_PATH, this.refreshTtl);
	}

	void clear(HttpServletResponse response) {
		add(response, ACCESS, "", ACCESS_PATH, Duration.ZERO);
		add(response, REFRESH, "", REFRESH_PATH, Duration.ZERO);
	}

	static @Nullable String read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	void add(HttpServletResponse response, String name, String value, String path, Duration maxAge) {
		ResponseCookie cookie = ResponseCookie.from(name, value)
			.path(path)
			.maxAge(maxAge)
			.httpOnly(true)
			.secure(this.secure)
			.sameSite("Strict")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
