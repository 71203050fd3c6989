package dev.vigil.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter: gives every request an {@code X-Request-ID} (a sane incoming one is
 * reused), puts it in the MDC so every log line of the request carries
 * {@code request_id}, and writes one access-log line when the response is complete (for
 * streams, when the stream ends).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLoggingFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-ID";

	static final String MDC_KEY = "request_id";

	private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private static final Logger log = LoggerFactory.getLogger("vigil.access");

	private final ClientAddress clientAddress;

	RequestLoggingFilter(ClientAddress clientAddress) {
		this.clientAddress = clientAddress;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String incoming = request.getHeader(HEADER);
		String requestId = (incoming != null && SANE_ID.matcher(incoming).matches()) ? incoming
				: UUID.randomUUID().toString();
		long start = System.nanoTime();
		response.setHeader(HEADER, requestId);
		// A WebSocket upgrade hands the raw connection to the container: leave its
		// response unwrapped.
		boolean upgrade = request.getHeader("Upgrade") != null;
		CountingResponse counted = upgrade ? null : new CountingResponse(response);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, upgrade ? response : counted);
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext()
					.addListener(new AccessLogOnCompletion(request, response, counted, start, requestId));
			}
			else {
				logAccess(request, response, counted, start);
			}
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	private void logAccess(HttpServletRequest request, HttpServletResponse response, CountingResponse counted,
			long start) {
		int status = response.getStatus();
		LoggingEventBuilder event = (status >= 500) ? log.atError() : log.atInfo();
		event.setMessage("http request")
			.addKeyValue("method", request.getMethod())
			.addKeyValue("path", request.getRequestURI())
			.addKeyValue("status", status)
			.addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000)
			.addKeyValue("bytes", (counted != null) ? counted.bytes : 0)
			.addKeyValue("remote", this.clientAddress.of(request))
			.log();
	}

	private final class AccessLogOnCompletion implements AsyncListener {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final CountingResponse counted;

		private final long start;

		private final String requestId;

		AccessLogOnCompletion(HttpServletRequest request, HttpServletResponse response, CountingResponse counted,
				long start, String requestId) {
			this.request = request;
			this.response = response;
			this.counted = counted;
			this.start = start;
			this.requestId = requestId;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			MDC.put(MDC_KEY, this.requestId);
			try {
				logAccess(this.request, this.response, this.counted, this.start);
			}
			finally {
				MDC.remove(MDC_KEY);
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

	/**
	 * Counts body bytes for the access log without buffering anything (streams stay
	 * streams).
	 */
	private static final class CountingResponse extends HttpServletResponseWrapper {

		private volatile long bytes;

		private @Nullable ServletOutputStream stream;

		private java.io.@Nullable PrintWriter writer;

		CountingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				ServletOutputStream delegate = super.getOutputStream();
				this.stream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						delegate.write(b);
						CountingResponse.this.bytes++;
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						delegate.write(b, off, len);
						CountingResponse.this.bytes += len;
					}

					@Override
					public void flush() throws IOException {
						delegate.flush();
					}

					@Override
					public void close() throws IOException {
						delegate.close();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						delegate.setWriteListener(listener);
					}

				};
			}
			return this.stream;
		}

		@Override
		public java.io.PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				String charset = getCharacterEncoding();
				this.writer = new java.io.PrintWriter(
						new java.io.OutputStreamWriter(getOutputStream(), (charset != null) ? charset : "UTF-8"));
			}
			return this.writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			if (this.writer != null) {
				this.writer.flush();
			}
			super.flushBuffer();
		}

	}

}
