package fr.paraphe.evidence.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical encoding of an evidence entry, the one its hash is computed over: the JSON object that
 * {@code jq -cjS 'del(.hash)'} prints for the entry as the evidence file gives it (keys sorted, no spaces, UTF-8,
 * strings escaped only for {@code "} and {@code \}: control characters never get in). So anyone recomputes a hash
 * with {@code jq} and {@code sha256sum} (docs/evidence.md).
 */
public final class Canonical {

	/** The previous hash of a trail's first entry is the SHA-256 of this prefix and the trail's id. */
	static final String GENESIS_PREFIX = "paraphe-evidence:";

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Canonical() {
	}

	/** The {@code prev} of a trail's first entry: {@code printf 'paraphe-evidence:%s' "$trail" | sha256sum}. */
	public static String genesis(java.util.UUID trail) {
		return fr.paraphe.shared.Sha256.hex((GENESIS_PREFIX + trail).getBytes(StandardCharsets.UTF_8));
	}

	/** The entry's canonical JSON, without its own hash. */
	public static String encode(StoredEntry entry) {
		StringBuilder json = new StringBuilder(256);
		json.append("{\"at\":");
		string(json, time(entry.at()));
		json.append(",\"details\":").append(entry.detailsJson());
		json.append(",\"ip\":");
		string(json, entry.ip());
		json.append(",\"party\":");
		string(json, entry.party());
		json.append(",\"prev\":");
		string(json, entry.prev());
		json.append(",\"seq\":").append(entry.seq());
		json.append(",\"token\":");
		string(json, entry.token() == null ? null : Base64.getEncoder().encodeToString(entry.token()));
		json.append(",\"type\":");
		string(json, entry.type());
		json.append(",\"userAgent\":");
		string(json, entry.userAgent());
		return json.append('}').toString();
	}

	/** The entry's hash: SHA-256 of {@link #encode}, lower-case hexadecimal. */
	public static String hash(StoredEntry entry) {
		return fr.paraphe.shared.Sha256.hex(encode(entry).getBytes(StandardCharsets.UTF_8));
	}

	/** The details as a canonical JSON object: keys in code point order (they are ASCII), values strings. */
	public static String details(SortedMap<String, String> details) {
		StringBuilder json = new StringBuilder("{");
		for (Map.Entry<String, String> entry : details.entrySet()) {
			if (json.length() > 1) {
				json.append(',');
			}
			string(json, entry.getKey());
			json.append(':');
			string(json, entry.getValue());
		}
		return json.append('}').toString();
	}

	/** The details of a stored entry, read back. */
	public static SortedMap<String, String> parseDetails(String json) {
		return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {
		});
	}

	/** ISO 8601 UTC to the microsecond, as both databases keep it. */
	static String time(Instant at) {
		return DateTimeFormatter.ISO_INSTANT.format(at);
	}

	static boolean isHash(String text) {
		return text != null && HASH.matcher(text).matches();
	}

	/**
	 * Replaces what the canonical encoding keeps out of a text: C0 controls, DEL (jq would escape them) and
	 * unpaired surrogates (no UTF-8 for them) become U+FFFD.
	 */
	public static String cleanText(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder cleaned = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				cleaned.append(c).append(text.charAt(++i));
			}
			else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
				cleaned.append('\uFFFD');
			}
			else {
				cleaned.append(c);
			}
		}
		return cleaned.toString();
	}

	private static void string(StringBuilder json, String value) {
		if (value == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\');
			}
			json.append(c);
		}
		json.append('"');
	}

}
