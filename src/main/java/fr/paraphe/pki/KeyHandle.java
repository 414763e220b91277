package fr.paraphe.pki;

import java.util.Objects;
import java.util.UUID;

/**
 * Names a key pair inside the {@link KeyStore}. It carries no key material: holding a handle only allows
 * asking the store for the public key or a signature.
 */
public record KeyHandle(UUID id, KeyAlgorithm algorithm) {

	public KeyHandle {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(algorithm, "algorithm");
	}

}
