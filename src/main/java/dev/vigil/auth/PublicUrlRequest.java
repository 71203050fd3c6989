package dev.vigil.auth;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The single sign-on callback as the browser requested it, behind a proxy that changed
 * scheme, host or port (TLS terminated in front of Vigil): Spring compares the callback's
 * URL with the redirect URI it sent the provider, and that one is built from
 * {@code VIGIL_PUBLIC_URL} when it is set.
 */
final class PublicUrlRequest extends HttpServletRequestWrapper {

	private final URI publicUrl;

	PublicUrlRequest(HttpServletRequest request, String publicUrl) {
		super(request);
		this.publicUrl = URI.create(origin(publicUrl));
	}

	/**
	 * Scheme, host and port of a URL (Vigil is served at the root of its address; a path
	 * is ignored).
	 */
	static String origin(String url) {
		URI uri = URI.create(url.trim());
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	@Override
	public String getScheme() {
		return this.publicUrl.getScheme();
	}

	@Override
	public boolean isSecure() {
		return "https".equals(getScheme());
	}

	@Override
	public String getServerName() {
		return this.publicUrl.getHost();
	}

	@Override
	public int getServerPort() {
		int port = this.publicUrl.getPort();
		return (port != -1) ? port : ("https".equals(getScheme()) ? 443 : 80);
	}

	@Override
	public StringBuffer getRequestURL() {
		StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
		if (this.publicUrl.getPort() != -1) {
			url.append(':').append(this.publicUrl.getPort());
		}
		return url.append(getRequestURI());
	}

}
