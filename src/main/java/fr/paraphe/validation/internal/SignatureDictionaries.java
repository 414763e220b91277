package fr.paraphe.validation.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The signature dictionaries a viewer shows: the /V of every signature field of the interactive form, walked
 * with a bound and loop detection (a hostile field tree can loop).
 */
final class SignatureDictionaries {

	private static final int MAX_FIELDS = 10_000;

	private SignatureDictionaries() {
	}

	/** Every signature dictionary (signatures and document time-stamps), in field order. */
	static List<COSDictionary> all(PDDocument document) {
		List<COSDictionary> found = new ArrayList<>();
		COSDictionary form = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.ACRO_FORM);
		if (form == null) {
			return found;
		}
		COSArray fields = form.getCOSArray(COSName.FIELDS);
		if (fields == null) {
			return found;
		}
		IdentityHashMap<COSDictionary, Boolean> seen = new IdentityHashMap<>();
		walk(fields, null, seen, found, 0);
		return found;
	}

	private static void walk(COSArray fields, COSName inheritedType, IdentityHashMap<COSDictionary, Boolean> seen,
			List<COSDictionary> found, int depth) {
		if (depth > 64) {
			return;
		}
		for (int i = 0; i < fields.size(); i++) {
			if (!(fields.getObject(i) instanceof COSDictionary field) || seen.put(field, Boolean.TRUE) != null
					|| seen.size() > MAX_FIELDS) {
				continue;
			}
			COSName type = field.getCOSName(COSName.FT, inheritedType);
			if (COSName.SIG.equals(type) && field.getDictionaryObject(COSName.V) instanceof COSDictionary value
					&& !found.contains(value)) {
				found.add(value);
			}
			COSArray kids = field.getCOSArray(COSName.KIDS);
			if (kids != null) {
				walk(kids, type, seen, found, depth + 1);
			}
		}
	}

	/** How many "/ByteRange" keys the raw bytes hold, referenced or not. */
	static int countByteRanges(byte[] bytes) {
		byte[] key = "/ByteRange".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		int count = 0;
		outer: for (int i = 0; i <= bytes.length - key.length; i++) {
			for (int j = 0; j < key.length; j++) {
				if (bytes[i + j] != key[j]) {
					continue outer;
				}
			}
			count++;
		}
		return count;
	}

	/** The signature dictionary with exactly this /ByteRange, or null. */
	static COSDictionary find(PDDocument document, long[] byteRange) {
		for (COSDictionary signature : all(document)) {
			long[] range = byteRange(signature);
			if (range != null && java.util.Arrays.equals(range, byteRange)) {
				return signature;
			}
		}
		return null;
	}

	/** The /ByteRange as four numbers, or null if it is not four numbers. */
	static long[] byteRange(COSDictionary signature) {
		COSBase value = signature.getDictionaryObject(COSName.BYTERANGE);
		if (!(value instanceof COSArray array) || array.size() != 4) {
			return null;
		}
		long[] range = new long[4];
		for (int i = 0; i < 4; i++) {
			if (!(array.getObject(i) instanceof COSNumber number)) {
				return null;
			}
			range[i] = number.longValue();
		}
		return range;
	}

}
