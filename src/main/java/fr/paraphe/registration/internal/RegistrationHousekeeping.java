package fr.paraphe.registration.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.registration.internal.RegistrationStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import fr.paraphe.shared.ClusterJobs;
import fr.paraphe.registration.RegistrationEvents;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background work of the registrations, safe on several nodes (each step claims its row with a conditional
 * update): deletes identity documents {@code paraphe.registration.document-retention} after the decision
 * (the decision stays), and e-mails holders {@link #REMINDER_BEFORE} before their certificate expires.
 */
@Component
public class RegistrationHousekeeping {

	/** How long before expiry the holder is reminded. */
	public static final Duration REMINDER_BEFORE = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(RegistrationHousekeeping.class);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH)
		.withZone(ZoneId.of("Europe/Paris"));

	private final RegistrationStore store;

	private final Duration every;

	private final CertificationAuthority authority;

	private final Notifications notifications;

	private final RegistrationProperties properties;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ClusterJobs jobs;

	RegistrationHousekeeping(RegistrationStore store, CertificationAuthority authority, Notifications notifications,
			RegistrationProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock, ClusterJobs jobs,
			@org.springframework.beans.factory.annotation.Value("${paraphe.registration.housekeeping-interval:PT1H}") Duration every) {
		this.every = every;
		this.jobs = jobs;
		this.store = store;
		this.authority = authority;
		this.notifications = notifications;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/** On one node of the cluster at a time: two nodes would send each reminder twice. */
	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "${paraphe.registration.housekeeping-interval:PT1H}")
	void run() {
		try {
			jobs.runOnce("registration-housekeeping", ClusterJobs.oncePer(every), Duration.ofMinutes(30), () -> {
				deleteExpiredDocuments(clock.instant());
				remindExpiringCertificates(clock.instant());
			});
		}
		catch (RuntimeException failure) {
			log.warn("Registration housekeeping failed; next run will retry", failure);
		}
	}

	/**
	 * Deletes the documents of registrations decided more than the retention before {@code now}.
	 * @return how many registrations lost their documents
	 */
	public int deleteExpiredDocuments(Instant now) {
		int deleted = 0;
		for (UUID registration : store.decidedWithDocumentsBefore(now.minus(properties.documentRetention()), 500)) {
			Boolean done = transactions.execute(status -> {
				if (store.deleteDocuments(registration, now) == 1) {
					events.publishEvent(new RegistrationEvents.RegistrationDocumentsDeleted("system", registration));
					return true;
				}
				return false;
			});
			if (Boolean.TRUE.equals(done)) {
				deleted++;
			}
		}
		return deleted;
	}

	/**
	 * E-mails each holder whose certificate (valid, not revoked) expires within {@link #REMINDER_BEFORE} of
	 * {@code now}, once per certificate.
	 * @return how many reminders were sent
	 */
	public int remindExpiringCertificates(Instant now) {
		int sent = 0;
		for (String[] candidate : store.approvedNotReminded(1000)) {
			UUID registration = UUID.fromString(candidate[0]);
			IssuedCertificate certificate = authority.find(CertificateSerial.parse(candidate[1])).orElse(null);
			if (certificate == null || certificate.isRevoked() || certificate.notAfter().isBefore(now)
					|| certificate.notAfter().isAfter(now.plus(REMINDER_BEFORE))) {
				continue;
			}
			Boolean done = transactions.execute(status -> {
				if (!store.claimReminder(registration, now)) {
					return false;
				}
				Registration stored = store.find(registration).orElseThrow();
				notifications.email(stored.identity().email(), Locale.FRENCH, "certificate-expiring",
						Map.of("name", stored.identity().givenNames() + " " + stored.identity().surname(), "serial",
								certificate.serial().hex(), "notAfter", DATE.format(certificate.notAfter())));
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				sent++;
			}
		}
		return sent;
	}

}
