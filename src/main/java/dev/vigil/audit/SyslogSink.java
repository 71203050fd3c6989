package dev.vigil.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Sends audit entries to a syslog receiver over TCP, optionally TLS, as octet-counted RFC
 * 5424 frames.
 * <p>
 * Plain syslog has no acknowledgements: a write only means the bytes reached this
 * machine's socket buffer. A receiver never sends anything, so the connection is read for
 * a moment before and after each batch: end of stream or a reset means it went away, the
 * batch counts as not delivered and is sent again on a new connection (where the receiver
 * may see it twice, recognisable by its audit ids).
 */
final class SyslogSink implements AuditSink {

	private final String host;

	private final int port;

	private final int connectTimeoutMillis;

	private final @Nullable SSLSocketFactory tls;

	private final SyslogMessages messages;

	private volatile @Nullable Socket socket;

	SyslogSink(String host, int port, int connectTimeoutMillis, @Nullable SSLSocketFactory tls,
			SyslogMessages messages) {
		this.host = host;
		this.port = port;
		this.connectTimeoutMillis = connectTimeoutMillis;
		this.tls = tls;
		this.messages = messages;
	}

	@Override
	public String name() {
		return "syslog";
	}

	@Override
	public String target() {
		return ((this.tls != null) ? "tcp+tls://" : "tcp://") + this.host + ":" + this.port;
	}

	@Override
	public long open(long stored) throws IOException {
		Socket current = this.socket;
		if (current != null) {
			if (!gone(current)) {
				return stored;
			}
			close();
		}
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(this.host, this.port), this.connectTimeoutMillis);
			plain.setKeepAlive(true);
			plain.setTcpNoDelay(true);
			Socket connected = plain;
			if (this.tls != null) {
				SSLSocket secure = (SSLSocket) this.tls.createSocket(plain, this.host, this.port, true);
				SSLParameters parameters = secure.getSSLParameters();
				// The receiver's certificate must name the configured host.
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				secure.setSSLParameters(parameters);
				secure.setSoTimeout(this.connectTimeoutMillis);
				secure.startHandshake();
				connected = secure;
			}
			this.socket = connected;
			return stored;
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	@Override
	public void write(List<AuditLog.Listed> entries) throws IOException {
		Socket current = this.socket;
		if (current == null) {
			throw new IOException("not connected");
		}
		OutputStream out = current.getOutputStream();
		out.write(this.messages.frames(entries));
		out.flush();
		if (gone(current)) {
			throw new IOException("the receiver closed the connection");
		}
	}

	/**
	 * Whether the receiver has closed or reset the connection: it sends nothing, so any
	 * read that does not time out at once says so.
	 */
	private static boolean gone(Socket socket) {
		try {
			socket.setSoTimeout(1);
			InputStream in = socket.getInputStream();
			return in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public boolean connected() {
		return this.socket != null;
	}

	@Override
	public void close() {
		Socket current = this.socket;
		this.socket = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// Closing a broken connection: nothing to do.
			}
		}
	}

}
