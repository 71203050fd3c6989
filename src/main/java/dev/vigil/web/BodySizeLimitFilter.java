package dev.vigil.web;

import java.io.IOException;

import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over {@code vigil.web.max-body-size}: at once when
 * Content-Length says so, and while reading when a chunked body grows past the limit. On
 * an {@link UploadRoute} a multipart body has the route's limit instead, checked here
 * against Content-Length and by the container while the handler parses the parts (the
 * servlet's multipart limit is set to the same size).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

	private static final String TOO_LARGE = "request body too large";

	private final long maxBytes;

	private final List<UploadRoute> uploads;

	BodySizeLimitFilter(WebProperties properties, List<UploadRoute> uploads) {
		this.maxBytes = properties.maxBodySize().toBytes();
		this.uploads = uploads;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UploadRoute upload = UploadRoute.isMultipart(request) ? uploadRoute(request) : null;
		if (upload != null) {
			if (request.getContentLengthLong() > upload.maxSize().toBytes()) {
				Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.maxBytes) {
			Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	private @Nullable UploadRoute uploadRoute(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.uploads.stream().filter((u) -> u.path().equals(path)).findFirst().orElse(null);
	}

	static boolean isTooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super(TOO_LARGE);
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream delegate = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = delegate.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] b, int off, int len) throws IOException {
						int n = delegate.read(b, off, len);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						this.read += n;
						if (this.read > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException();
						}
					}

					@Override
					public boolean isFinished() {
						return delegate.isFinished();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						delegate.setReadListener(listener);
					}

				};
			}
			return this.stream;
		}

	}

}
