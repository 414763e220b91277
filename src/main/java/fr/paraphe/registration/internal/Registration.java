package fr.paraphe.registration.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.paraphe.shared.UserId;

/**
 * A registration as submitted, and its decision. The decision stays after the documents are deleted.
 *
 * @param decidedBy the officer's user id, null while pending
 * @param rejectionReason null unless rejected
 * @param certificateSerial the serial (hexadecimal) of the certificate issued on approval, else null
 * @param documentsDeletedAt when the retention job deleted the documents, else null
 * @param documents the documents still kept (empty once deleted)
 */
public record Registration(UUID id, UserId user, RegistrationStatus status, Identity identity,
		DocumentType documentType, int termsVersion, Instant submittedAt, Instant decidedAt, String decidedBy,
		String rejectionReason, String certificateSerial, Instant documentsDeletedAt, List<StoredDocument> documents) {

	public boolean isPending() {
		return status == RegistrationStatus.PENDING;
	}

	/** An identity document as stored (encrypted): which side, its type and size, never its content. */
	public record StoredDocument(UUID id, String side, String mediaType, long size) {
	}

}
