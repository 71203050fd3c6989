package dev.vigil.web;

/** The answer of a change that has nothing more to say: {@code {"ok":true}}. */
public record Ok(boolean ok) {

	public static final Ok OK = new Ok(true);

}
