package fr.paraphe.validation.internal;

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

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches a URL named in an uploaded document (an OCSP responder, a CRL distribution point) without letting the
 * document aim the server at its own network (SSRF): only http and https; the host is resolved once and every
 * address is checked, so that loopback, private (RFC 1918, IPv6 unique-local), link-local, carrier-grade NAT,
 * multicast and unspecified addresses are refused unless the allow-list names them; the connection goes to the
 * address that was checked (no second resolution a DNS rebinding could change); a timeout bounds connecting and
 * each read, a deadline the whole exchange, and a size limit the answer. Redirects are not followed. HTTP/1.0 with
 * {@code Connection: close}, so the answer ends at the end of the stream (no chunked encoding to parse).
 */
final class GuardedFetcher {

	/** Why a URL was not fetched, or what went wrong. */
	enum Outcome {

		FETCHED, CACHED, REFUSED_SCHEME, REFUSED_ADDRESS, UNKNOWN_HOST, BUDGET_EXHAUSTED, TOO_LARGE, FAILED

	}

	/** A refusal or failure, with its outcome for the report. */
	static final class FetchException extends IOException {

		private static final long serialVersionUID = 1L;

		private final Outcome outcome;

		FetchException(Outcome outcome, String message) {
			super(message);
			this.outcome = outcome;
		}

		Outcome outcome() {
			return outcome;
		}

	}

	private final List<String> allowList;

	private final Duration timeout;

	private final int maxBytes;

	/**
	 * @param allowList addresses (127.0.0.1), networks in CIDR notation (10.0.0.0/8) or host names that may be
	 * fetched although they are not public; empty in production
	 */
	GuardedFetcher(List<String> allowList, Duration timeout, int maxBytes) {
		this.allowList = allowList == null ? List.of()
				: allowList.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
		this.timeout = timeout;
		this.maxBytes = maxBytes;
	}

	/** GET {@code url}, or POST {@code body} with {@code contentType} when a body is given. */
	byte[] fetch(String url, byte[] body, String contentType) throws FetchException {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (java.net.URISyntaxException | NullPointerException ex) {
			throw new FetchException(Outcome.REFUSED_SCHEME, "not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new FetchException(Outcome.REFUSED_SCHEME, "only http and https are fetched");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
			throw new FetchException(Outcome.REFUSED_SCHEME, "no host, or credentials in the URL");
		}
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
			request.append("Host: ").append(host.contains(":") ? "[" + host + "]" : host);
			if (uri.getPort() > 0) {
				request.append(':').append(uri.getPort());
			}
			request.append("\r\nUser-Agent: Paraphe validation\r\nConnection: close\r\nAccept: */*\r\n");
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
		catch (FetchException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new FetchException(Outcome.FAILED, ex.getClass().getSimpleName());
		}
	}

	private InetAddress resolve(String host) throws FetchException {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException | SecurityException ex) {
			throw new FetchException(Outcome.UNKNOWN_HOST, "the host name does not resolve");
		}
		boolean hostAllowed = allowList.stream().anyMatch(entry -> entry.equalsIgnoreCase(host));
		for (InetAddress address : addresses) {
			// Every address must pass: a name that resolves to a public and a private address is refused.
			if (!hostAllowed && !isPublic(address) && !allowed(address)) {
				throw new FetchException(Outcome.REFUSED_ADDRESS,
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

	private byte[] readResponse(Socket socket, long deadline) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		// Headers are bounded too: 16 KB beyond the body limit.
		long limit = (long) maxBytes + 16_384;
		int read;
		while ((read = in.read(buffer)) != -1) {
			received.write(buffer, 0, read);
			if (received.size() > limit) {
				throw new FetchException(Outcome.TOO_LARGE, "the answer exceeds " + maxBytes + " bytes");
			}
			if (System.nanoTime() > deadline) {
				throw new FetchException(Outcome.FAILED, "the answer took longer than " + timeout.toSeconds() + " s");
			}
		}
		byte[] all = received.toByteArray();
		int end = headerEnd(all);
		if (end < 0) {
			throw new FetchException(Outcome.FAILED, "no HTTP answer");
		}
		String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
		String[] status = head.split("\r\n", 2)[0].split(" ");
		if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].equals("200")) {
			throw new FetchException(Outcome.FAILED, "HTTP status " + (status.length > 1 ? status[1] : "?"));
		}
		if (head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding:")) {
			throw new FetchException(Outcome.FAILED, "a transfer encoding in an HTTP/1.0 answer");
		}
		int bodyStart = end + 4;
		if (all.length - bodyStart > maxBytes) {
			throw new FetchException(Outcome.TOO_LARGE, "the answer exceeds " + maxBytes + " bytes");
		}
		return java.util.Arrays.copyOfRange(all, bodyStart, all.length);
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
	static boolean isPublic(InetAddress address) {
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

	static boolean matches(String entry, InetAddress address) {
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

	/** The entries of a comma-separated allow-list. */
	static List<String> parse(String allowList) {
		List<String> entries = new ArrayList<>();
		if (allowList != null) {
			for (String entry : allowList.split(",")) {
				if (!entry.isBlank()) {
					entries.add(entry.trim());
				}
			}
		}
		return entries;
	}

}
