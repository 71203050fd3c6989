package dev.vigil.bench;

/** A failure that ends the scenario (the tool then exits 1). */
final class BenchException extends RuntimeException {

	BenchException(String message) {
		super(message);
	}

}
