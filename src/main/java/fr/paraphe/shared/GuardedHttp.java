package fr.paraphe.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An outgoing HTTP exchange with a URL that someone else chose (an OCSP responder or CRL named in an uploaded
 * document, a firm's webhook endpoint) that cannot aim the server at its own network (SSRF): only http and https;
 * the host is resolved once and every address is checked, so that loopback, private (RFC 1918, IPv6 unique-local),
 * link-local, carrier-grade NAT, multicast and unspecified addresses are refused unless the allow-list names them;
 * the connection goes to the address that was checked (no second resolution a DNS rebinding could change); a
 * timeout bounds connecting and each read, a deadline the whole exchange, and a size limit the answer. Redirects
 * are never followed (a 3xx is an answer like any other). HTTP/1.0 with {@code Connection: close}, so the answer
 * ends at the end of the stream or after its {@code Content-Length} (no chunked encoding to parse).
 */
public final class GuardedHttp {

	/** Why a URL was not fetched, or what went wrong. */
	public enum Failure {

		REFUSED_SCHEME, REFUSED_ADDRESS, UNKNOWN_HOST, TOO_LARGE, TIMEOUT, FAILED

	}

	/** A refusal or failure, with its kind. */
	public static final class GuardException extends IOException {

		private static final long serialVersionUID = 1L;

		private final Failure failure;

		public GuardException(Failure failure, String message) {
			super(message);
			this.failure = failure;
		}

		public Failure failure() {
			return failure;
		}

	}

	/** An answer: its status code and body (headers are not kept). */
	public record Response(int status, byte[] body) {
	}

	private final List<String> allowList;

	private final Duration timeout;

	private final int maxBytes;

	private final String userAgent;

	/**
	 * @param allowList addresses (127.0.0.1), networks in CIDR notation (10.0.0.0/8) or host names that may be
	 * reached although they are not public; empty in production
	 * @param timeout for connecting, for each read, and for the whole exchange
	 * @param maxBytes the largest body accepted
	 */
	public GuardedHttp(List<String> allowList, Duration timeout, int maxBytes, String userAgent) {
		this.allowList = allowList == null ? List.of()
				: allowList.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
		this.timeout = timeout;
		this.maxBytes = maxBytes;
		this.userAgent = userAgent;
	}

	/**
	 * Parses {@code url} and resolves its host, refusing what {@link #exchange} would refuse, without connecting.
	 * @return the URL, parsed
	 * @throws GuardException REFUSED_SCHEME, UNKNOWN_HOST or REFUSED_ADDRESS
	 */
	public URI check(String url) throws GuardException {
		URI uri = parse(url);
		resolve(uri.getHost());
		return uri;
	}

	/**
	 * GET {@code url}, or POST {@code body} with {@code contentType} when a body is given, with extra
	 * {@code headers}; whatever the status.
	 * @throws GuardException when refused, when the host does not answer in time, or the answer is not HTTP
	 */
	public Response exchange(String url, Map<String, String> headers, byte[] body, String contentType)
			throws GuardException {
		URI uri = parse(url);
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost();
		InetAddress address = resolve(host);
		int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Socket socket = connect(address, port, scheme.equals("https") ? host : null)) {
			String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
			if (uri.getRawQuery() != null) {
				path += "?" + uri.getRawQuery();
			}
			StringBuilder request = new StringBuilder();
			request.append(body == null ? "GET " : "POST ").append(path).append(" HTTP/1.0\r\n");
			request.append("Host: ").append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
			if (uri.getPort() > 0) {
				request.append(':').append(uri.getPort());
			}
			request.append("\r\nUser-Agent: ").append(userAgent).append("\r\nConnection: close\r\nAccept: */*\r\n");
			for (Map.Entry<String, String> header : headers.entrySet()) {
				if (header.getKey().matches("[A-Za-z0-9-]+") && !header.getValue().matches("(?s).*[\r\n].*")) {
					request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
				}
			}
			if (body != null) {
				request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
					.append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return readResponse(socket, deadline);
		}
		catch (GuardException ex) {
			throw ex;
		}
		catch (java.net.SocketTimeoutException ex) {
			throw new GuardException(Failure.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
		}
		catch (IOException | RuntimeException ex) {
			throw new GuardException(Failure.FAILED, ex.getClass().getSimpleName());
		}
	}

	private static URI parse(String url) throws GuardException {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (java.net.URISyntaxException | NullPointerException ex) {
			throw new GuardException(Failure.REFUSED_SCHEME, "not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new GuardException(Failure.REFUSED_SCHEME, "only http and https are fetched");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
			throw new GuardException(Failure.REFUSED_SCHEME, "no host, or credentials in the URL");
		}
		return uri;
	}

	private InetAddress resolve(String host) throws GuardException {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException | SecurityException ex) {
			throw new GuardException(Failure.UNKNOWN_HOST, "the host name does not resolve");
		}
		boolean hostAllowed = allowList.stream().anyMatch(entry -> entry.equalsIgnoreCase(host));
		for (InetAddress address : addresses) {
			// Every address must pass: a name that resolves to a public and a private address is refused.
			if (!hostAllowed && !isPublic(address) && !allowed(address)) {
				throw new GuardException(Failure.REFUSED_ADDRESS,
						"the address " + address.getHostAddress() + " is not public");
			}
		}
		return addresses[0];
	}

	private Socket connect(InetAddress address, int port, String tlsHost) throws IOException {
		Socket plain = new Socket();
		int millis = (int) Math.max(1, timeout.toMillis());
		try {
			plain.connect(new InetSocketAddress(address, port), millis);
			plain.setSoTimeout(millis);
			if (tlsHost == null) {
				return plain;
			}
			SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, tlsHost,
					port, true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			if (!tlsHost.contains(":") && !Character.isDigit(tlsHost.charAt(tlsHost.length() - 1))) {
				parameters.setServerNames(List.of(new SNIHostName(tlsHost)));
			}
			tls.setSSLParameters(parameters);
			tls.setSoTimeout(millis);
			tls.startHandshake();
			return tls;
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	private Response readResponse(Socket socket, long deadline) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		// Headers are bounded too: 16 KB beyond the body limit.
		long limit = (long) maxBytes + 16_384;
		long expectedEnd = -1;
		int read;
		while ((expectedEnd < 0 || received.size() < expectedEnd) && (read = in.read(buffer)) != -1) {
			received.write(buffer, 0, read);
			if (received.size() > limit) {
				throw new GuardException(Failure.TOO_LARGE, "the answer exceeds " + maxBytes + " bytes");
			}
			if (System.nanoTime() > deadline) {
				throw new GuardException(Failure.TIMEOUT, "the answer took longer than " + timeout.toMillis() + " ms");
			}
			if (expectedEnd < 0) {
				expectedEnd = expectedEnd(received.toByteArray());
			}
		}
		byte[] all = received.toByteArray();
		int end = headerEnd(all);
		if (end < 0) {
			throw new GuardException(Failure.FAILED, "no HTTP answer");
		}
		String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
		String[] status = head.split("\r\n", 2)[0].split(" ");
		int code;
		try {
			code = status.length < 2 || !status[0].startsWith("HTTP/1.") ? -1 : Integer.parseInt(status[1]);
		}
		catch (NumberFormatException ex) {
			code = -1;
		}
		if (code < 100 || code > 599) {
			throw new GuardException(Failure.FAILED, "no HTTP status");
		}
		if (head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding:")) {
			throw new GuardException(Failure.FAILED, "a transfer encoding in an HTTP/1.0 answer");
		}
		int bodyStart = end + 4;
		if (all.length - bodyStart > maxBytes) {
			throw new GuardException(Failure.TOO_LARGE, "the answer exceeds " + maxBytes + " bytes");
		}
		return new Response(code, java.util.Arrays.copyOfRange(all, bodyStart, all.length));
	}

	/**
	 * Where the answer ends when its headers are complete and name a {@code Content-Length} (a server that keeps
	 * the connection open despite {@code Connection: close} is not waited for); -1 otherwise.
	 */
	private static long expectedEnd(byte[] received) {
		int end = headerEnd(received);
		if (end < 0) {
			return -1;
		}
		for (String line : new String(received, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
				try {
					return end + 4 + Long.parseLong(line.substring(colon + 1).trim());
				}
				catch (NumberFormatException ex) {
					return Long.MAX_VALUE;
				}
			}
		}
		return Long.MAX_VALUE;
	}

	private static int headerEnd(byte[] bytes) {
		for (int i = 0; i + 3 < bytes.length; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** Whether the address is on the public internet (not loopback, private, link-local, multicast...). */
	public static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 0/8 "this network", 100.64/10 carrier-grade NAT (RFC 6598), 198.18/15 benchmarking, 240/4 reserved
			return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 198 && (second & 0xfe) == 18)
					&& first < 240;
		}
		if (address instanceof Inet6Address) {
			// fc00::/7 unique local (RFC 4193); IPv4-mapped addresses are judged as their IPv4 address
			if ((bytes[0] & 0xfe) == 0xfc) {
				return false;
			}
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= bytes[i] == 0;
			}
			if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
				try {
					return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
				}
				catch (UnknownHostException impossible) {
					return false;
				}
			}
		}
		return true;
	}

	private boolean allowed(InetAddress address) {
		for (String entry : allowList) {
			if (matches(entry, address)) {
				return true;
			}
		}
		return false;
	}

	/** Whether {@code address} is the address or inside the CIDR network {@code entry}. */
	public static boolean matches(String entry, InetAddress address) {
		String network = entry;
		int bits = -1;
		int slash = entry.indexOf('/');
		if (slash > 0) {
			network = entry.substring(0, slash);
			try {
				bits = Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		if (!network.matches("[0-9a-fA-F:.]+") || !(network.contains(":") || network.matches("[0-9.]+"))) {
			return false;
		}
		byte[] base;
		try {
			base = InetAddress.getByName(network).getAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
		byte[] candidate = address.getAddress();
		if (base.length != candidate.length) {
			return false;
		}
		int prefix = bits < 0 ? base.length * 8 : Math.min(bits, base.length * 8);
		for (int i = 0; i < prefix; i++) {
			int mask = 0x80 >> (i % 8);
			if ((base[i / 8] & mask) != (candidate[i / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

}
