package fr.paraphe.registration;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import fr.paraphe.registration.internal.Identity;

/** Identity documents, real and hostile, for the registration tests. */
public final class TestDocuments {

	private TestDocuments() {
	}

	/** A small JPEG "identity card" with an EXIF-like APP1 segment carrying {@code secret}. */
	public static byte[] jpegWithMetadata(String secret) {
		byte[] jpeg = jpeg();
		byte[] payload = ("Exif\0\0" + secret).getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer app1 = ByteBuffer.allocate(4 + payload.length);
		app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
		byte[] out = new byte[jpeg.length + app1.capacity()];
		System.arraycopy(jpeg, 0, out, 0, 2);
		System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
		System.arraycopy(jpeg, 2, out, 2 + app1.capacity(), jpeg.length - 2);
		return out;
	}

	public static byte[] jpeg() {
		return image("jpeg", 320, 200);
	}

	public static byte[] png() {
		return image("png", 320, 200);
	}

	static byte[] image(String format, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x2a, 0x4d, 0x8f));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.WHITE);
		graphics.drawString("CARTE NATIONALE D'IDENTITE", 10, 30);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** A PHP script, to be sent as "carte.jpg". */
	public static byte[] php() {
		return "<?php system($_GET['c']); ?>\n<html><body>hello</body></html>".getBytes(StandardCharsets.US_ASCII);
	}

	/** A real JPEG that is also a PHP script (payload appended after the image). */
	public static byte[] polyglot() {
		byte[] jpeg = jpeg();
		byte[] script = "<?php echo shell_exec($_GET['c']); ?>".getBytes(StandardCharsets.US_ASCII);
		byte[] out = Arrays.copyOf(jpeg, jpeg.length + script.length);
		System.arraycopy(script, 0, out, jpeg.length, script.length);
		return out;
	}

	/** 11 MB starting as a JPEG. */
	public static byte[] elevenMegabytes() {
		byte[] jpeg = jpeg();
		byte[] out = new byte[11 * 1024 * 1024];
		System.arraycopy(jpeg, 0, out, 0, jpeg.length);
		return out;
	}

	/** A tiny PNG whose header claims 100,000 × 100,000 pixels (10 gigapixels). */
	public static byte[] imageBomb() {
		byte[] png = image("png", 16, 16);
		// IHDR data starts at 16 (8 signature + 4 length + 4 type): width, height, then 5 bytes; CRC after.
		ByteBuffer buffer = ByteBuffer.wrap(png);
		buffer.putInt(16, 100_000);
		buffer.putInt(20, 100_000);
		CRC32 crc = new CRC32();
		crc.update(png, 12, 4 + 13);
		buffer.putInt(29, (int) crc.getValue());
		return png;
	}

	/** A multipart/form-data body. */
	public static final class Multipart {

		private final String boundary = "----paraphe" + UUID.randomUUID().toString().replace("-", "");

		private final List<byte[]> parts = new ArrayList<>();

		public Multipart field(String name, String value) {
			parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
					+ "\r\n").getBytes(StandardCharsets.UTF_8));
			return this;
		}

		public Multipart file(String name, String filename, String contentType, byte[] content) {
			parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
					+ filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			parts.add(content);
			parts.add("\r\n".getBytes(StandardCharsets.US_ASCII));
			return this;
		}

		public HttpRequest.Builder post(String url) {
			List<byte[]> all = new ArrayList<>(parts);
			all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
			return HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArrays(all));
		}

	}

}
