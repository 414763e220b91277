package fr.paraphe.notification.internal;

/**
 * Sends one SMS through a provider. The default mode only records messages (like mails, for the
 * administrators' mailbox page); {@code paraphe.sms.mode=http} posts them to a provider's HTTP API.
 */
public interface SmsGateway {

	/**
	 * Sends {@code text} to {@code phone} (E.164, e.g. {@code +33612345678}).
	 * @throws IllegalStateException if the provider refuses or cannot be reached
	 */
	void send(String phone, String text);

}
